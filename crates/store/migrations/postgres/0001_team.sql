-- Greenlight on PostgreSQL (team mode). Run once by whoever administers the server, through
-- `greenlight team init`; every person then connects with their own login, a member of the
-- group role `greenlight_people`.
--
-- The database itself enforces who may see and change what:
-- * identity: a person is the row of `profiles` whose `login` is the session's `current_user`;
--   a revision's author and an event's actor must be that person (triggers), so nobody can
--   write as somebody else, whatever a client claims;
-- * membership: row-level security shows and lets change only the projects a login is a
--   member of; the creator of a project becomes its first member; members add and remove
--   members;
-- * history: revisions and events are append-only for every login (no UPDATE or DELETE
--   grants, and triggers that refuse them even to the tables' owner); a chain's head only
--   moves forward, one appended event at a time.
-- Integers are BIGINT (the app's i64), flags BOOLEAN, times milliseconds since 1970 (UTC).

DO $$
BEGIN
    CREATE ROLE greenlight_people NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

CREATE TABLE profiles (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    -- The database login this person connects as; NULL for an author who came in with a
    -- moved project and has no login here.
    login       TEXT UNIQUE DEFAULT current_user,
    email       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
    login  TEXT NOT NULL DEFAULT current_user,
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (login, key)
);

CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    logline     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    archived    BOOLEAN NOT NULL DEFAULT false,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE project_members (
    project_id  TEXT NOT NULL REFERENCES projects(id),
    person_id   TEXT NOT NULL REFERENCES profiles(id),
    added_by    TEXT NOT NULL REFERENCES profiles(id),
    added_at    BIGINT NOT NULL,
    PRIMARY KEY (project_id, person_id)
);
CREATE INDEX project_members_person ON project_members(person_id);

-- A project being moved in from another database, while its history is copied: only then may
-- its revisions and events carry authors other than the login (they were recorded elsewhere,
-- and the move itself is recorded by the mover). Closed in the same transaction.
CREATE TABLE project_imports (
    project_id  TEXT PRIMARY KEY REFERENCES projects(id),
    login       TEXT NOT NULL DEFAULT current_user,
    open        BOOLEAN NOT NULL DEFAULT true
);

CREATE TABLE documents (
    id                TEXT PRIMARY KEY,
    project_id        TEXT NOT NULL REFERENCES projects(id),
    title             TEXT NOT NULL,
    kind              TEXT NOT NULL,
    format            TEXT NOT NULL,
    head_revision_id  TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX documents_project ON documents(project_id, id);

CREATE TABLE revisions (
    id            TEXT PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents(id),
    parent_id     TEXT REFERENCES revisions(id),
    author_id     TEXT NOT NULL REFERENCES profiles(id),
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    word_count    BIGINT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX revisions_document ON revisions(document_id, id);

CREATE TABLE events (
    -- Insertion order across chains, for feeds; not part of any hash.
    pos             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain           TEXT NOT NULL,
    seq             BIGINT NOT NULL,
    id              TEXT NOT NULL UNIQUE,
    at              BIGINT NOT NULL,
    actor           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    schema_version  BIGINT NOT NULL,
    subject         TEXT NOT NULL,
    payload         TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL,
    UNIQUE (chain, seq)
);
CREATE INDEX events_chain_at ON events(chain, at);

-- The newest event of each chain. A row with seq 0 is a chain's empty head, inserted by the
-- first append so that concurrent first appends queue on it.
CREATE TABLE ledger_heads (
    chain  TEXT PRIMARY KEY,
    seq    BIGINT NOT NULL,
    hash   TEXT NOT NULL
);

CREATE TABLE providers (
    id           TEXT PRIMARY KEY,
    -- Each person configures their own providers (their keys are in their own keyring).
    login        TEXT NOT NULL DEFAULT current_user,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    base_url     TEXT NOT NULL,
    model        TEXT NOT NULL,
    own_network  BOOLEAN NOT NULL DEFAULT false,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    UNIQUE (login, name)
);

CREATE TABLE project_policies (
    project_id  TEXT PRIMARY KEY REFERENCES projects(id),
    policy      TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE ai_runs (
    id                TEXT PRIMARY KEY,
    login             TEXT NOT NULL DEFAULT current_user,
    project_id        TEXT NOT NULL REFERENCES projects(id),
    document_id       TEXT REFERENCES documents(id),
    task              TEXT NOT NULL,
    provider_id       TEXT NOT NULL,
    provider_name     TEXT NOT NULL,
    model             TEXT NOT NULL,
    local             BOOLEAN NOT NULL,
    template_id       TEXT NOT NULL,
    template_version  BIGINT NOT NULL,
    params            TEXT NOT NULL,
    prompt_hash       TEXT NOT NULL,
    input_tokens      BIGINT,
    output_tokens     BIGINT,
    latency_ms        BIGINT,
    outcome           TEXT,
    partial           BOOLEAN NOT NULL DEFAULT false,
    message           TEXT,
    output            TEXT NOT NULL DEFAULT '',
    started_at        BIGINT NOT NULL,
    finished_at       BIGINT
);
CREATE INDEX ai_runs_project ON ai_runs(project_id, started_at);

-- Who the session is: the person mapped to the login, or NULL.
CREATE FUNCTION greenlight_me() RETURNS TEXT
LANGUAGE sql STABLE SET search_path = public
AS $$ SELECT id FROM profiles WHERE login = current_user $$;

-- Whether `login` is a member of `project`. SECURITY DEFINER so that the policies of
-- project_members can use it without recursing into themselves.
CREATE FUNCTION greenlight_is_member(project TEXT, login_name TEXT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT EXISTS (
        SELECT 1 FROM project_members m JOIN profiles p ON p.id = m.person_id
        WHERE m.project_id = project AND p.login = login_name)
$$;

CREATE FUNCTION greenlight_document_project(document TEXT) RETURNS TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$ SELECT project_id FROM documents WHERE id = document $$;

-- Whether the login is moving `project` in right now (see project_imports).
CREATE FUNCTION greenlight_importing(project TEXT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT EXISTS (SELECT 1 FROM project_imports i
                   WHERE i.project_id = project AND i.login = session_user AND i.open)
$$;

-- The creator of a project is its first member.
CREATE FUNCTION greenlight_add_creator() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    me TEXT;
BEGIN
    SELECT id INTO me FROM profiles WHERE login = session_user;
    IF me IS NULL THEN
        RAISE EXCEPTION 'the login % is not a Greenlight person yet: open Greenlight once to be added', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO project_members (project_id, person_id, added_by, added_at)
    VALUES (NEW.id, me, me, (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT);
    RETURN NEW;
END
$$;
CREATE TRIGGER projects_add_creator AFTER INSERT ON projects
FOR EACH ROW EXECUTE FUNCTION greenlight_add_creator();

CREATE FUNCTION greenlight_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER revisions_immutable BEFORE UPDATE OR DELETE ON revisions
FOR EACH ROW EXECUTE FUNCTION greenlight_refuse('revisions are immutable');
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION greenlight_refuse('the event log is append-only');
CREATE TRIGGER ledger_heads_kept BEFORE DELETE ON ledger_heads
FOR EACH ROW EXECUTE FUNCTION greenlight_refuse('the event log is append-only');
CREATE TRIGGER revisions_no_truncate BEFORE TRUNCATE ON revisions
FOR EACH STATEMENT EXECUTE FUNCTION greenlight_refuse('revisions are immutable');
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
FOR EACH STATEMENT EXECUTE FUNCTION greenlight_refuse('the event log is append-only');

-- A revision's author is the person logged in.
CREATE FUNCTION greenlight_check_author() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    IF NEW.author_id IS DISTINCT FROM greenlight_me()
       AND NOT greenlight_importing(greenlight_document_project(NEW.document_id)) THEN
        RAISE EXCEPTION 'a revision''s author must be the person logged in (%)', current_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER revisions_author BEFORE INSERT ON revisions
FOR EACH ROW EXECUTE FUNCTION greenlight_check_author();

-- An event's actor is the person logged in; every new event is announced to listeners (only
-- its chain and position: what it says is read back under row-level security).
CREATE FUNCTION greenlight_check_actor() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    IF NEW.actor IS DISTINCT FROM greenlight_me() AND NOT greenlight_importing(NEW.chain) THEN
        RAISE EXCEPTION 'an event''s actor must be the person logged in (%)', current_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_actor BEFORE INSERT ON events
FOR EACH ROW EXECUTE FUNCTION greenlight_check_actor();

CREATE FUNCTION greenlight_announce() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('greenlight_events', NEW.chain || ' ' || NEW.seq);
    RETURN NEW;
END
$$;
CREATE TRIGGER events_announce AFTER INSERT ON events
FOR EACH ROW EXECUTE FUNCTION greenlight_announce();

-- A head moves forward by one appended event at a time, and only to an event of its chain.
CREATE FUNCTION greenlight_check_head() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.seq = 0 AND NEW.hash = '' THEN
        RETURN NEW;
    END IF;
    -- (An upsert fires the INSERT check first, then the UPDATE check on the existing row.)
    IF (TG_OP = 'UPDATE' AND (NEW.chain <> OLD.chain OR NEW.seq <> OLD.seq + 1))
       OR (TG_OP = 'INSERT' AND NEW.seq <> 1
           AND NOT EXISTS (SELECT 1 FROM ledger_heads h WHERE h.chain = NEW.chain))
       OR NOT EXISTS (SELECT 1 FROM events e
                      WHERE e.chain = NEW.chain AND e.seq = NEW.seq AND e.hash = NEW.hash) THEN
        RAISE EXCEPTION 'the event log is append-only: a chain head only moves to the next appended event'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER ledger_heads_forward BEFORE INSERT OR UPDATE ON ledger_heads
FOR EACH ROW EXECUTE FUNCTION greenlight_check_head();

-- An import may only be opened on a project created in the same transaction whose chain is
-- still empty (never on existing work), and must be closed, with a `project.moved_in` event
-- by the mover as the chain's newest event, before that transaction commits.
CREATE FUNCTION greenlight_check_import() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    created_now BOOLEAN;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT (p.xmin::text::bigint = (pg_current_xact_id()::text::bigint % 4294967296))
          INTO created_now FROM projects p WHERE p.id = NEW.project_id;
        IF NOT COALESCE(created_now, false)
           OR EXISTS (SELECT 1 FROM events e WHERE e.chain = NEW.project_id) THEN
            RAISE EXCEPTION 'a project''s history can only be moved into a new, empty project'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        NEW.login := session_user;
        NEW.open := true;
    ELSIF OLD.open AND NOT NEW.open THEN
        IF NOT EXISTS (
            SELECT 1 FROM events e JOIN profiles u ON u.id = e.actor
            WHERE e.chain = NEW.project_id AND e.kind = 'project.moved_in'
              AND u.login = session_user
              AND e.seq = (SELECT max(seq) FROM events WHERE chain = NEW.project_id)) THEN
            RAISE EXCEPTION 'a move must end with the mover''s project.moved_in record'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSIF NEW.open AND NOT OLD.open THEN
        RAISE EXCEPTION 'a finished move cannot be reopened' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER project_imports_rules BEFORE INSERT OR UPDATE ON project_imports
FOR EACH ROW EXECUTE FUNCTION greenlight_check_import();

CREATE FUNCTION greenlight_import_closed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM project_imports WHERE project_id = NEW.project_id AND open) THEN
        RAISE EXCEPTION 'a move was not finished: nothing of it is kept'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER project_imports_closed AFTER INSERT OR UPDATE ON project_imports
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION greenlight_import_closed();

-- Row-level security: a login sees and changes only what its projects hold.
ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY profiles_read ON profiles FOR SELECT USING (true);
CREATE POLICY profiles_own ON profiles FOR INSERT
    WITH CHECK (login = current_user OR login IS NULL);
CREATE POLICY profiles_rename ON profiles FOR UPDATE
    USING (login = current_user) WITH CHECK (login = current_user);

ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY settings_own ON settings USING (login = current_user);

ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY projects_members ON projects USING (greenlight_is_member(id, current_user));
CREATE POLICY projects_create ON projects FOR INSERT WITH CHECK (greenlight_me() IS NOT NULL);

ALTER TABLE project_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_of_my_projects ON project_members
    USING (greenlight_is_member(project_id, current_user));

ALTER TABLE project_imports ENABLE ROW LEVEL SECURITY;
CREATE POLICY imports_own ON project_imports
    USING (login = current_user AND greenlight_is_member(project_id, current_user));

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_members ON documents
    USING (greenlight_is_member(project_id, current_user));

ALTER TABLE revisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY revisions_members ON revisions
    USING (greenlight_is_member(greenlight_document_project(document_id), current_user));

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_members ON events
    USING (chain = 'workspace' OR greenlight_is_member(chain, current_user));

ALTER TABLE ledger_heads ENABLE ROW LEVEL SECURITY;
CREATE POLICY heads_members ON ledger_heads
    USING (chain = 'workspace' OR greenlight_is_member(chain, current_user));

ALTER TABLE providers ENABLE ROW LEVEL SECURITY;
CREATE POLICY providers_own ON providers USING (login = current_user);

ALTER TABLE project_policies ENABLE ROW LEVEL SECURITY;
CREATE POLICY policies_members ON project_policies
    USING (greenlight_is_member(project_id, current_user));

ALTER TABLE ai_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY runs_members ON ai_runs FOR SELECT
    USING (greenlight_is_member(project_id, current_user));
CREATE POLICY runs_start ON ai_runs FOR INSERT
    WITH CHECK (login = current_user AND greenlight_is_member(project_id, current_user));
CREATE POLICY runs_finish ON ai_runs FOR UPDATE
    USING (login = current_user) WITH CHECK (login = current_user);

-- What a person may do at all. No UPDATE or DELETE on revisions or events, no DELETE on
-- chain heads; TRUNCATE, schema changes and everything else stay with the owner.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO greenlight_people;
GRANT SELECT ON _sqlx_migrations TO greenlight_people;
GRANT SELECT, INSERT, UPDATE ON profiles, settings, projects, documents, project_policies,
    ai_runs, ledger_heads, project_imports TO greenlight_people;
GRANT SELECT, INSERT ON revisions, events TO greenlight_people;
GRANT SELECT, INSERT, DELETE ON project_members TO greenlight_people;
GRANT SELECT, INSERT, UPDATE, DELETE ON providers TO greenlight_people;
REVOKE ALL ON FUNCTION greenlight_me(), greenlight_is_member(TEXT, TEXT),
    greenlight_document_project(TEXT), greenlight_importing(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION greenlight_me(), greenlight_is_member(TEXT, TEXT),
    greenlight_document_project(TEXT), greenlight_importing(TEXT) TO greenlight_people;
