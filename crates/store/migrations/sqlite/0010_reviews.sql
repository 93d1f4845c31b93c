-- Reviews of document revisions and asset versions, as postgres/0006_reviews.sql.
-- `workflow` is the template the review was requested under (JSON, a snapshot) and `state`
-- its life cycle (domain::workflow::ReviewState as JSON); `version` grows with each change so
-- two decisions at the same instant are applied one after the other, never over each other.
CREATE TABLE reviews (
    id                  TEXT PRIMARY KEY,
    project_id          TEXT NOT NULL REFERENCES projects(id),
    subject_kind        TEXT NOT NULL CHECK (subject_kind IN ('revision', 'asset')),
    document_id         TEXT REFERENCES documents(id),
    asset_id            TEXT,
    subject_id          TEXT NOT NULL,
    subject_author      TEXT NOT NULL REFERENCES profiles(id),
    approved_subject_id TEXT,
    title               TEXT NOT NULL,
    -- The scenes under review (`3-5`), or NULL for the whole subject.
    scope               TEXT,
    workflow_name       TEXT NOT NULL,
    workflow            TEXT NOT NULL,
    state               TEXT NOT NULL,
    status              TEXT NOT NULL
        CHECK (status IN ('in_review', 'changes_requested', 'rejected', 'locked')),
    round               INTEGER NOT NULL CHECK (round >= 1),
    requested_by        TEXT NOT NULL REFERENCES profiles(id),
    requested_at        INTEGER NOT NULL,
    due_at              INTEGER,
    updated_at          INTEGER NOT NULL,
    version             INTEGER NOT NULL,
    CHECK ((subject_kind = 'revision') = (document_id IS NOT NULL))
);
CREATE INDEX reviews_by_requester ON reviews (requested_by, updated_at);
CREATE INDEX reviews_by_project ON reviews (project_id, updated_at);
CREATE INDEX reviews_in_progress ON reviews (status, updated_at);
CREATE INDEX reviews_by_document ON reviews (document_id, status);

-- The stages open for decisions now, a row per role that decides them: what the inbox reads
-- (rewritten from `state` with each change of a review in review).
CREATE TABLE review_open_stages (
    review_id   TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    project_id  TEXT NOT NULL,
    stage       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('writer', 'producer', 'legal_reviewer', 'admin')),
    round       INTEGER NOT NULL,
    opened_at   INTEGER NOT NULL,
    due_at      INTEGER,
    -- The review's updated_at, so the inbox orders and cuts before it reads any review.
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (review_id, stage, role)
);
CREATE INDEX review_open_stages_by_role ON review_open_stages (project_id, role, updated_at);

-- Every decision with its comment, in order. A person decides a stage once per round.
CREATE TABLE review_decisions (
    review_id   TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    round       INTEGER NOT NULL,
    stage       TEXT NOT NULL,
    person_id   TEXT NOT NULL REFERENCES profiles(id),
    verdict     TEXT NOT NULL
        CHECK (verdict IN ('approve', 'approve_with_changes', 'request_changes', 'reject')),
    comment     TEXT,
    subject_id  TEXT NOT NULL,
    decided_at  INTEGER NOT NULL,
    PRIMARY KEY (review_id, seq),
    UNIQUE (review_id, round, stage, person_id)
);
