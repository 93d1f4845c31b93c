-- Summary nodes, cached under a hash of (provider, model, template version, parameters,
-- input text): after an edit only the nodes above the changed scenes are recomputed.
-- A cache: rows may be replaced, and losing them only costs provider calls.
CREATE TABLE summary_nodes (
    cache_key    TEXT PRIMARY KEY,
    project_id   TEXT NOT NULL REFERENCES projects(id),
    document_id  TEXT NOT NULL REFERENCES documents(id),
    scope        TEXT NOT NULL,
    text         TEXT NOT NULL,
    run_id       TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX summary_nodes_document ON summary_nodes(document_id);
