-- A project's approval workflow templates (domain::workflow::WorkflowTemplate as JSON), by
-- name, as postgres/0005_workflows.sql. A project with none uses the default template.
CREATE TABLE project_workflows (
    project_id  TEXT NOT NULL REFERENCES projects(id),
    name        TEXT NOT NULL,
    template    TEXT NOT NULL,
    updated_by  TEXT NOT NULL REFERENCES profiles(id),
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (project_id, name)
);
