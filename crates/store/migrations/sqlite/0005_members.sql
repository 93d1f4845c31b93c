-- Team mode's tables on the embedded database too, so every table exists on both backends.
-- On one machine the one local person is the member of every project (added as its creator);
-- `login` stays NULL (there is no database login), `email` is optional.

ALTER TABLE profiles ADD COLUMN login TEXT;
ALTER TABLE profiles ADD COLUMN email TEXT NOT NULL DEFAULT '';

CREATE TABLE project_members (
    project_id  TEXT NOT NULL REFERENCES projects(id),
    person_id   TEXT NOT NULL REFERENCES profiles(id),
    added_by    TEXT NOT NULL REFERENCES profiles(id),
    added_at    INTEGER NOT NULL,
    PRIMARY KEY (project_id, person_id)
);
CREATE INDEX project_members_person ON project_members(person_id);

-- Projects created before this version: their creator (the first actor of their chain) is
-- their member.
INSERT INTO project_members (project_id, person_id, added_by, added_at)
SELECT p.id, e.actor, e.actor, e.at
FROM projects p JOIN events e ON e.chain = p.id AND e.seq = 1
WHERE EXISTS (SELECT 1 FROM profiles u WHERE u.id = e.actor);

-- A project being moved in from another database (see the PostgreSQL schema); on one machine
-- nothing checks it, but the move writes it on both backends alike.
CREATE TABLE project_imports (
    project_id  TEXT PRIMARY KEY REFERENCES projects(id),
    login       TEXT NOT NULL DEFAULT '',
    open        INTEGER NOT NULL DEFAULT 1
);
