-- AI: configured providers (keys live in the OS keyring, never here), per-project AI policy,
-- and a record of every AI run.

CREATE TABLE providers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    base_url    TEXT NOT NULL,
    model       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE project_policies (
    project_id  TEXT PRIMARY KEY REFERENCES projects(id),
    policy      TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE ai_runs (
    id                TEXT PRIMARY KEY,
    project_id        TEXT NOT NULL REFERENCES projects(id),
    document_id       TEXT REFERENCES documents(id),
    task              TEXT NOT NULL,
    provider_id       TEXT NOT NULL,
    provider_name     TEXT NOT NULL,
    model             TEXT NOT NULL,
    local             INTEGER NOT NULL,
    template_id       TEXT NOT NULL,
    template_version  INTEGER NOT NULL,
    params            TEXT NOT NULL,
    prompt_hash       TEXT NOT NULL,
    input_tokens      INTEGER,
    output_tokens     INTEGER,
    latency_ms        INTEGER,
    outcome           TEXT,
    partial           INTEGER NOT NULL DEFAULT 0,
    message           TEXT,
    output            TEXT NOT NULL DEFAULT '',
    started_at        INTEGER NOT NULL,
    finished_at       INTEGER
);
CREATE INDEX ai_runs_project ON ai_runs(project_id, started_at);
