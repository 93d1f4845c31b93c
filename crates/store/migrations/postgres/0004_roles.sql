-- The roles project members hold, as sqlite/0008_roles.sql, enforced by the database so a
-- modified client cannot act beyond them: only a writer inserts revisions or documents (a
-- legal reviewer cannot change script text), only an admin adds or removes members, gives or
-- takes roles, or changes the AI policy. A project's creator holds every role; the last admin
-- keeps the role. Moving a project in (project_imports) may write what its bundle holds.
CREATE TABLE member_roles (
    project_id  TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('writer', 'producer', 'legal_reviewer', 'admin')),
    granted_by  TEXT NOT NULL REFERENCES profiles(id),
    granted_at  BIGINT NOT NULL,
    PRIMARY KEY (project_id, person_id, role),
    FOREIGN KEY (project_id, person_id) REFERENCES project_members(project_id, person_id)
        ON DELETE CASCADE
);

INSERT INTO member_roles (project_id, person_id, role, granted_by, granted_at)
SELECT m.project_id, m.person_id, r.role, m.added_by, m.added_at
FROM project_members m
CROSS JOIN (VALUES ('writer'), ('producer'), ('legal_reviewer'), ('admin')) AS r(role);

-- Whether `login_name` holds `wanted` in `project` (SECURITY DEFINER: policies use it without
-- recursing into member_roles' own; they pass current_user, as for greenlight_is_member).
CREATE FUNCTION greenlight_has_role(project TEXT, wanted TEXT, login_name TEXT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT EXISTS (
        SELECT 1 FROM member_roles r JOIN profiles p ON p.id = r.person_id
        WHERE r.project_id = project AND r.role = wanted AND p.login = login_name)
$$;

-- The creator of a project is its first member, holding every role.
CREATE OR REPLACE FUNCTION greenlight_add_creator() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    me TEXT;
    now_ms BIGINT := (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT;
BEGIN
    SELECT id INTO me FROM profiles WHERE login = session_user;
    IF me IS NULL THEN
        RAISE EXCEPTION 'the login % is not a Greenlight person yet: open Greenlight once to be added', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO project_members (project_id, person_id, added_by, added_at)
    VALUES (NEW.id, me, me, now_ms);
    INSERT INTO member_roles (project_id, person_id, role, granted_by, granted_at)
    SELECT NEW.id, me, r.role, me, now_ms
    FROM (VALUES ('writer'), ('producer'), ('legal_reviewer'), ('admin')) AS r(role);
    RETURN NEW;
END
$$;

-- The last admin of a project keeps the role (the project could not be administered).
CREATE FUNCTION greenlight_keep_an_admin() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF OLD.role = 'admin'
       AND EXISTS (SELECT 1 FROM projects WHERE id = OLD.project_id)
       AND NOT EXISTS (SELECT 1 FROM member_roles
                       WHERE project_id = OLD.project_id AND role = 'admin'
                         AND person_id <> OLD.person_id) THEN
        RAISE EXCEPTION 'the last admin of a project keeps the role: make someone else admin first'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER member_roles_keep_an_admin BEFORE DELETE ON member_roles
FOR EACH ROW EXECUTE FUNCTION greenlight_keep_an_admin();

ALTER TABLE member_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY roles_of_my_projects ON member_roles FOR SELECT
    USING (greenlight_is_member(project_id, current_user));
CREATE POLICY roles_granted_by_admins ON member_roles FOR INSERT
    WITH CHECK (greenlight_has_role(project_id, 'admin', current_user) OR greenlight_importing(project_id));
CREATE POLICY roles_taken_by_admins ON member_roles FOR DELETE
    USING (greenlight_has_role(project_id, 'admin', current_user));

-- What each role may write, on top of membership (restrictive: both must hold).
CREATE POLICY members_added_by_admins ON project_members AS RESTRICTIVE FOR INSERT
    WITH CHECK (greenlight_has_role(project_id, 'admin', current_user) OR greenlight_importing(project_id));
CREATE POLICY members_removed_by_admins ON project_members AS RESTRICTIVE FOR DELETE
    USING (greenlight_has_role(project_id, 'admin', current_user));
CREATE POLICY policies_set_by_admins ON project_policies AS RESTRICTIVE FOR INSERT
    WITH CHECK (greenlight_has_role(project_id, 'admin', current_user) OR greenlight_importing(project_id));
CREATE POLICY policies_changed_by_admins ON project_policies AS RESTRICTIVE FOR UPDATE
    USING (greenlight_has_role(project_id, 'admin', current_user));
CREATE POLICY revisions_by_writers ON revisions AS RESTRICTIVE FOR INSERT
    WITH CHECK (greenlight_has_role(greenlight_document_project(document_id), 'writer', current_user)
                OR greenlight_importing(greenlight_document_project(document_id)));
CREATE POLICY documents_by_writers ON documents AS RESTRICTIVE FOR INSERT
    WITH CHECK (greenlight_has_role(project_id, 'writer', current_user) OR greenlight_importing(project_id));

GRANT SELECT, INSERT, DELETE ON member_roles TO greenlight_people;
REVOKE ALL ON FUNCTION greenlight_has_role(TEXT, TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION greenlight_has_role(TEXT, TEXT, TEXT) TO greenlight_people;
