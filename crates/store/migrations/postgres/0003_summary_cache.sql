-- Summary nodes, cached under a hash of (provider, model, template version, parameters,
-- input text), as sqlite/0007_summary_cache.sql; seen and written only by the members of the
-- node's project. A cache: rows may be replaced.
CREATE TABLE summary_nodes (
    cache_key    TEXT PRIMARY KEY,
    project_id   TEXT NOT NULL REFERENCES projects(id),
    document_id  TEXT NOT NULL REFERENCES documents(id),
    scope        TEXT NOT NULL,
    text         TEXT NOT NULL,
    run_id       TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX summary_nodes_document ON summary_nodes(document_id);

ALTER TABLE summary_nodes ENABLE ROW LEVEL SECURITY;
CREATE POLICY summary_nodes_members ON summary_nodes
    USING (greenlight_is_member(project_id, current_user));
GRANT SELECT, INSERT, UPDATE ON summary_nodes TO greenlight_people;
