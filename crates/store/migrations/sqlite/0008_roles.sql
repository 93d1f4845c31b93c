-- The roles project members hold (writer, producer, legal_reviewer, admin; a person may hold
-- several), as postgres/0004_roles.sql. On one machine the one local person holds every role
-- (core does not read this table there), but the rows exist so a project moved to a team
-- server keeps who holds what.
CREATE TABLE member_roles (
    project_id  TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('writer', 'producer', 'legal_reviewer', 'admin')),
    granted_by  TEXT NOT NULL REFERENCES profiles(id),
    granted_at  INTEGER NOT NULL,
    PRIMARY KEY (project_id, person_id, role),
    FOREIGN KEY (project_id, person_id) REFERENCES project_members(project_id, person_id)
        ON DELETE CASCADE
);

-- Members before roles existed could do everything: they keep every role.
INSERT INTO member_roles (project_id, person_id, role, granted_by, granted_at)
SELECT m.project_id, m.person_id, r.role, m.added_by, m.added_at
FROM project_members m
CROSS JOIN (SELECT 'writer' AS role UNION ALL SELECT 'producer'
            UNION ALL SELECT 'legal_reviewer' UNION ALL SELECT 'admin') r;
