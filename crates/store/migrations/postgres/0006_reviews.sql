-- Reviews of document revisions and asset versions, as sqlite/0010_reviews.sql, enforced by
-- the database so a modified client cannot decide what its person may not:
-- - a decision is inserted only by the person it names, holding one of the stage's roles, on
--   the review's current round while it is in review, and never approving their own work
--   where the stage forbids it (greenlight_may_decide);
-- - a review is requested only by a writer or producer of the project, under one of the
--   project's templates (or the default when it has none), for a revision of that project
--   whose author it names;
-- - a review's subject, workflow and requester never change; a locked or rejected review
--   never changes; a review becomes locked only with an approval on record for every stage.
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
    round               BIGINT NOT NULL CHECK (round >= 1),
    requested_by        TEXT NOT NULL REFERENCES profiles(id),
    requested_at        BIGINT NOT NULL,
    due_at              BIGINT,
    updated_at          BIGINT NOT NULL,
    version             BIGINT NOT NULL,
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
    round       BIGINT NOT NULL,
    opened_at   BIGINT NOT NULL,
    due_at      BIGINT,
    -- The review's updated_at, so the inbox orders and cuts before it reads any review.
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (review_id, stage, role)
);
CREATE INDEX review_open_stages_by_role ON review_open_stages (project_id, role, updated_at);

-- Every decision with its comment, in order. A person decides a stage once per round.
CREATE TABLE review_decisions (
    review_id   TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    seq         BIGINT NOT NULL,
    round       BIGINT NOT NULL,
    stage       TEXT NOT NULL,
    person_id   TEXT NOT NULL REFERENCES profiles(id),
    verdict     TEXT NOT NULL
        CHECK (verdict IN ('approve', 'approve_with_changes', 'request_changes', 'reject')),
    comment     TEXT,
    subject_id  TEXT NOT NULL,
    decided_at  BIGINT NOT NULL,
    PRIMARY KEY (review_id, seq),
    UNIQUE (review_id, round, stage, person_id)
);

-- The template a project without templates of its own uses: domain::workflow's
-- default_template() as JSON (a test in crates/store compares the two, so they cannot drift).
CREATE FUNCTION greenlight_default_workflow() RETURNS JSONB
LANGUAGE sql IMMUTABLE
AS $$ SELECT '{"name":"default","stages":[{"name":"draft","roles":["writer"],"rule":"any","dueAfterMs":null,"selfApproval":true,"sceneScoped":false,"after":[]},{"name":"producer","roles":["producer"],"rule":"any","dueAfterMs":null,"selfApproval":false,"sceneScoped":false,"after":["draft"]},{"name":"legal","roles":["legal_reviewer"],"rule":"any","dueAfterMs":null,"selfApproval":false,"sceneScoped":false,"after":["producer"]}]}'::jsonb $$;

-- The projects the login is a member of, once per query: policies over tables with many rows
-- ask `project_id IN (SELECT greenlight_my_projects())`, a hashed set, rather than calling a
-- function per row (which a SECURITY DEFINER function cannot avoid by inlining).
CREATE FUNCTION greenlight_my_projects() RETURNS SETOF TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT m.project_id FROM project_members m JOIN profiles p ON p.id = m.person_id
    WHERE p.login = session_user
$$;

CREATE FUNCTION greenlight_review_project(review TEXT) RETURNS TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$ SELECT project_id FROM reviews WHERE id = review $$;

-- Whether the login may record `verdict` on `stage_name` of `review` in round `at_round`:
-- the review is in review on that round, the login holds one of the stage's roles, and an
-- approval of their own work counts only where the stage allows it.
CREATE FUNCTION greenlight_may_decide(review TEXT, stage_name TEXT, at_round BIGINT, verdict TEXT)
RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT EXISTS (
        SELECT 1 FROM reviews r
        CROSS JOIN LATERAL jsonb_array_elements(r.workflow::jsonb -> 'stages') st
        WHERE r.id = review AND r.status = 'in_review' AND r.round = at_round
          AND st ->> 'name' = stage_name
          AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(st -> 'roles') role
                      WHERE greenlight_has_role(r.project_id, role, session_user))
          AND (verdict NOT IN ('approve', 'approve_with_changes')
               OR (st ->> 'selfApproval')::boolean
               OR r.subject_author IS DISTINCT FROM
                  (SELECT id FROM profiles WHERE login = session_user)))
$$;

-- What a review must be when requested and may become when it changes.
CREATE FUNCTION greenlight_review_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    wanted JSONB;
BEGIN
    IF greenlight_importing(NEW.project_id) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NOT (EXISTS (SELECT 1 FROM project_workflows w
                        WHERE w.project_id = NEW.project_id AND w.name = NEW.workflow_name
                          AND w.template::jsonb = NEW.workflow::jsonb)
                OR (NOT EXISTS (SELECT 1 FROM project_workflows w
                                WHERE w.project_id = NEW.project_id)
                    AND NEW.workflow::jsonb = greenlight_default_workflow())) THEN
            RAISE EXCEPTION 'a review must follow one of the project''s workflow templates'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSE
        IF OLD.status IN ('locked', 'rejected') THEN
            RAISE EXCEPTION 'this review is % and cannot change', OLD.status
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.project_id IS DISTINCT FROM OLD.project_id
           OR NEW.subject_kind IS DISTINCT FROM OLD.subject_kind
           OR NEW.document_id IS DISTINCT FROM OLD.document_id
           OR NEW.asset_id IS DISTINCT FROM OLD.asset_id
           OR NEW.workflow IS DISTINCT FROM OLD.workflow
           OR NEW.workflow_name IS DISTINCT FROM OLD.workflow_name
           OR NEW.requested_by IS DISTINCT FROM OLD.requested_by
           OR NEW.requested_at IS DISTINCT FROM OLD.requested_at
           OR NEW.round < OLD.round THEN
            RAISE EXCEPTION 'a review''s subject, workflow and requester never change'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.status = 'locked' THEN
            FOR wanted IN SELECT jsonb_array_elements(NEW.workflow::jsonb -> 'stages') LOOP
                IF NOT EXISTS (SELECT 1 FROM review_decisions d
                               WHERE d.review_id = NEW.id AND d.stage = wanted ->> 'name'
                                 AND d.verdict IN ('approve', 'approve_with_changes')) THEN
                    RAISE EXCEPTION 'stage % has no approval on record: the review cannot be locked',
                        wanted ->> 'name' USING ERRCODE = 'insufficient_privilege';
                END IF;
            END LOOP;
        END IF;
    END IF;
    IF NEW.subject_kind = 'revision'
       AND (TG_OP = 'INSERT' OR NEW.subject_id IS DISTINCT FROM OLD.subject_id
            OR NEW.subject_author IS DISTINCT FROM OLD.subject_author)
       AND NOT EXISTS (SELECT 1 FROM revisions v JOIN documents d ON d.id = v.document_id
                       WHERE v.id = NEW.subject_id AND v.document_id = NEW.document_id
                         AND d.project_id = NEW.project_id
                         AND v.author_id = NEW.subject_author) THEN
        RAISE EXCEPTION 'a review names a revision of its document and that revision''s author'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- (asset_versions comes with postgres/0007_assets.sql; this body is read when it runs.)
    IF NEW.subject_kind = 'asset'
       AND (TG_OP = 'INSERT' OR NEW.subject_id IS DISTINCT FROM OLD.subject_id
            OR NEW.subject_author IS DISTINCT FROM OLD.subject_author)
       AND NOT EXISTS (SELECT 1 FROM asset_versions v JOIN assets a ON a.id = v.asset_id
                       WHERE v.id = NEW.subject_id AND v.asset_id = NEW.asset_id
                         AND a.project_id = NEW.project_id
                         AND v.imported_by = NEW.subject_author) THEN
        RAISE EXCEPTION 'a review names a version of its asset and who imported it'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER reviews_guarded BEFORE INSERT OR UPDATE ON reviews
FOR EACH ROW EXECUTE FUNCTION greenlight_review_guard();

ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY reviews_read ON reviews FOR SELECT
    USING (project_id IN (SELECT greenlight_my_projects()));
CREATE POLICY reviews_requested ON reviews FOR INSERT
    WITH CHECK ((requested_by = greenlight_me() AND status = 'in_review' AND round = 1
                 AND (greenlight_has_role(project_id, 'writer', current_user)
                      OR greenlight_has_role(project_id, 'producer', current_user)))
                OR greenlight_importing(project_id));
CREATE POLICY reviews_changed ON reviews FOR UPDATE
    USING (project_id IN (SELECT greenlight_my_projects()))
    WITH CHECK (greenlight_is_member(project_id, current_user));

ALTER TABLE review_open_stages ENABLE ROW LEVEL SECURITY;
CREATE POLICY open_stages_read ON review_open_stages FOR SELECT
    USING (project_id IN (SELECT greenlight_my_projects()));
CREATE POLICY open_stages_written ON review_open_stages FOR INSERT
    WITH CHECK (greenlight_is_member(project_id, current_user)
                AND project_id = greenlight_review_project(review_id));
CREATE POLICY open_stages_removed ON review_open_stages FOR DELETE
    USING (project_id IN (SELECT greenlight_my_projects()));

ALTER TABLE review_decisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY decisions_read ON review_decisions FOR SELECT
    USING (greenlight_is_member(greenlight_review_project(review_id), current_user));
CREATE POLICY decisions_by_deciders ON review_decisions FOR INSERT
    WITH CHECK ((person_id = greenlight_me()
                 AND greenlight_may_decide(review_id, stage, round, verdict))
                OR greenlight_importing(greenlight_review_project(review_id)));

GRANT SELECT, INSERT, UPDATE ON reviews TO greenlight_people;
GRANT SELECT, INSERT, DELETE ON review_open_stages TO greenlight_people;
GRANT SELECT, INSERT ON review_decisions TO greenlight_people;
REVOKE ALL ON FUNCTION greenlight_my_projects(), greenlight_review_project(TEXT),
    greenlight_may_decide(TEXT, TEXT, BIGINT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION greenlight_my_projects(), greenlight_review_project(TEXT),
    greenlight_may_decide(TEXT, TEXT, BIGINT, TEXT), greenlight_default_workflow()
    TO greenlight_people;
