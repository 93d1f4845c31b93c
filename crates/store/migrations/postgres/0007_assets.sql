-- A project's assets and their immutable versions, as sqlite/0011_assets.sql. On a team server
-- the bytes are stored in the database too (asset_blobs, asset_chunks of 1 MiB), per project,
-- so the same row-level security guards them: members read; writers and producers import
-- (the roles `domain::permission` gives ImportAsset); moving a project in may write what its
-- bundle holds. Nobody updates or deletes: versions are history. Why the database rather than
-- a shared folder: docs/ARCHITECTURE.md.
CREATE TABLE assets (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects(id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'pdf')),
    created_by  TEXT NOT NULL REFERENCES profiles(id),
    created_at  BIGINT NOT NULL,
    UNIQUE (project_id, name)
);

CREATE TABLE asset_versions (
    id             TEXT PRIMARY KEY,
    asset_id       TEXT NOT NULL REFERENCES assets(id),
    version        BIGINT NOT NULL CHECK (version >= 1),
    hash           TEXT NOT NULL CHECK (length(hash) = 64),
    size           BIGINT NOT NULL CHECK (size > 0),
    media_type     TEXT NOT NULL,
    original_name  TEXT NOT NULL,
    width          BIGINT,
    height         BIGINT,
    credentials    TEXT,
    imported_by    TEXT NOT NULL REFERENCES profiles(id),
    imported_at    BIGINT NOT NULL,
    UNIQUE (asset_id, version)
);
CREATE INDEX asset_versions_hash ON asset_versions(hash);

CREATE TABLE asset_blobs (
    project_id  TEXT NOT NULL REFERENCES projects(id),
    hash        TEXT NOT NULL CHECK (length(hash) = 64),
    size        BIGINT NOT NULL,
    PRIMARY KEY (project_id, hash)
);

-- Chunks are written once and never changed; PostgreSQL already stores bytea out of line
-- (TOAST), and the media compress poorly, so compression is off for them.
CREATE TABLE asset_chunks (
    project_id  TEXT NOT NULL,
    hash        TEXT NOT NULL,
    seq         BIGINT NOT NULL CHECK (seq >= 0),
    data        BYTEA NOT NULL,
    PRIMARY KEY (project_id, hash, seq),
    FOREIGN KEY (project_id, hash) REFERENCES asset_blobs(project_id, hash)
);
ALTER TABLE asset_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE FUNCTION greenlight_asset_project(asset TEXT) RETURNS TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$ SELECT project_id FROM assets WHERE id = asset $$;

-- Whether the login may import assets into `project`.
CREATE FUNCTION greenlight_may_import_assets(project TEXT) RETURNS BOOLEAN
LANGUAGE sql STABLE SET search_path = public
AS $$
    SELECT greenlight_has_role(project, 'writer', current_user)
        OR greenlight_has_role(project, 'producer', current_user)
$$;

ALTER TABLE assets ENABLE ROW LEVEL SECURITY;
CREATE POLICY assets_read ON assets FOR SELECT
    USING (greenlight_is_member(project_id, current_user));
CREATE POLICY assets_imported ON assets FOR INSERT
    WITH CHECK ((greenlight_may_import_assets(project_id) AND created_by = greenlight_me())
                OR greenlight_importing(project_id));

ALTER TABLE asset_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY asset_versions_read ON asset_versions FOR SELECT
    USING (greenlight_is_member(greenlight_asset_project(asset_id), current_user));
CREATE POLICY asset_versions_imported ON asset_versions FOR INSERT
    WITH CHECK ((greenlight_may_import_assets(greenlight_asset_project(asset_id))
                 AND imported_by = greenlight_me())
                OR greenlight_importing(greenlight_asset_project(asset_id)));

ALTER TABLE asset_blobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY asset_blobs_read ON asset_blobs FOR SELECT
    USING (greenlight_is_member(project_id, current_user));
CREATE POLICY asset_blobs_imported ON asset_blobs FOR INSERT
    WITH CHECK (greenlight_may_import_assets(project_id) OR greenlight_importing(project_id));

ALTER TABLE asset_chunks ENABLE ROW LEVEL SECURITY;
CREATE POLICY asset_chunks_read ON asset_chunks FOR SELECT
    USING (greenlight_is_member(project_id, current_user));
CREATE POLICY asset_chunks_imported ON asset_chunks FOR INSERT
    WITH CHECK (greenlight_may_import_assets(project_id) OR greenlight_importing(project_id));

GRANT SELECT, INSERT ON assets, asset_versions, asset_blobs, asset_chunks TO greenlight_people;
REVOKE ALL ON FUNCTION greenlight_asset_project(TEXT), greenlight_may_import_assets(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION greenlight_asset_project(TEXT), greenlight_may_import_assets(TEXT)
    TO greenlight_people;
