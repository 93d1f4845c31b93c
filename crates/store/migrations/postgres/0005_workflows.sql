-- A project's approval workflow templates, as sqlite/0009_workflows.sql. Members read them;
-- only the project's admins write them (the database refuses anyone else).
CREATE TABLE project_workflows (
    project_id  TEXT NOT NULL REFERENCES projects(id),
    name        TEXT NOT NULL,
    template    TEXT NOT NULL,
    updated_by  TEXT NOT NULL REFERENCES profiles(id),
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (project_id, name)
);

ALTER TABLE project_workflows ENABLE ROW LEVEL SECURITY;
CREATE POLICY workflows_read ON project_workflows FOR SELECT
    USING (greenlight_is_member(project_id, current_user));
CREATE POLICY workflows_added_by_admins ON project_workflows FOR INSERT
    WITH CHECK ((greenlight_has_role(project_id, 'admin', current_user)
                 AND updated_by = greenlight_me())
                OR greenlight_importing(project_id));
CREATE POLICY workflows_changed_by_admins ON project_workflows FOR UPDATE
    USING (greenlight_has_role(project_id, 'admin', current_user))
    WITH CHECK (greenlight_has_role(project_id, 'admin', current_user)
                AND updated_by = greenlight_me());
CREATE POLICY workflows_removed_by_admins ON project_workflows FOR DELETE
    USING (greenlight_has_role(project_id, 'admin', current_user));
GRANT SELECT, INSERT, UPDATE, DELETE ON project_workflows TO greenlight_people;
