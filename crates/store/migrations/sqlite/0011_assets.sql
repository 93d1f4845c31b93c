-- A project's assets (images, video, audio, PDFs) and their immutable versions, as
-- postgres/0007_assets.sql. A version names its bytes by BLAKE3; on this (one person's)
-- database the bytes live as files under the data folder (blobs/blake3/ab/<hash>), so
-- asset_blobs and asset_chunks stay empty here: they hold the bytes on a team server and
-- exist on both backends so that the store offers one API, tested on both.
CREATE TABLE assets (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects(id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'pdf')),
    created_by  TEXT NOT NULL REFERENCES profiles(id),
    created_at  INTEGER NOT NULL,
    UNIQUE (project_id, name)
);

CREATE TABLE asset_versions (
    id             TEXT PRIMARY KEY,
    asset_id       TEXT NOT NULL REFERENCES assets(id),
    version        INTEGER NOT NULL CHECK (version >= 1),
    hash           TEXT NOT NULL CHECK (length(hash) = 64),
    size           INTEGER NOT NULL CHECK (size > 0),
    media_type     TEXT NOT NULL,
    original_name  TEXT NOT NULL,
    width          INTEGER,
    height         INTEGER,
    credentials    TEXT,
    imported_by    TEXT NOT NULL REFERENCES profiles(id),
    imported_at    INTEGER NOT NULL,
    UNIQUE (asset_id, version)
);
CREATE INDEX asset_versions_hash ON asset_versions(hash);

CREATE TABLE asset_blobs (
    project_id  TEXT NOT NULL REFERENCES projects(id),
    hash        TEXT NOT NULL CHECK (length(hash) = 64),
    size        INTEGER NOT NULL,
    PRIMARY KEY (project_id, hash)
);

CREATE TABLE asset_chunks (
    project_id  TEXT NOT NULL,
    hash        TEXT NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    data        BLOB NOT NULL,
    PRIMARY KEY (project_id, hash, seq),
    FOREIGN KEY (project_id, hash) REFERENCES asset_blobs(project_id, hash)
);

-- A version is history, like a revision (a moved project's removal lifts this, see moving.rs).
CREATE TRIGGER asset_versions_immutable_update BEFORE UPDATE ON asset_versions
BEGIN SELECT RAISE(ABORT, 'asset versions are immutable: import a new version instead'); END;
CREATE TRIGGER asset_versions_immutable_delete BEFORE DELETE ON asset_versions
BEGIN SELECT RAISE(ABORT, 'asset versions are immutable: import a new version instead'); END;
