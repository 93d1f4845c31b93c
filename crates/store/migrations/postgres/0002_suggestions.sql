-- Suggestions and attribution on a team server: the same tables as
-- sqlite/0006_suggestions.sql, with row-level security by project membership.
--
-- * A suggestion is seen and changed only by the members of its project; its creator is the
--   person logged in; a decision is recorded only as the person logged in (a decided row
--   names its decider, and nobody else may write over it except to clear it by undoing or
--   reopening); what the model wrote never changes; suggestions are never deleted.
-- * A revision's attribution is written once, by the revision's author, and never changed
--   or deleted (append-only, like revisions).

CREATE TABLE suggestions (
    id                    TEXT PRIMARY KEY,
    project_id            TEXT NOT NULL REFERENCES projects(id),
    document_id           TEXT NOT NULL REFERENCES documents(id),
    base_revision_id      TEXT NOT NULL REFERENCES revisions(id),
    anchor_revision_id    TEXT NOT NULL REFERENCES revisions(id),
    anchor_start          BIGINT NOT NULL,
    anchor_end            BIGINT NOT NULL,
    passage               TEXT NOT NULL,
    passage_hash          TEXT NOT NULL,
    instruction           TEXT NOT NULL,
    preset                TEXT,
    provider_id           TEXT NOT NULL,
    provider_name         TEXT NOT NULL,
    model                 TEXT NOT NULL,
    local                 BOOLEAN NOT NULL,
    run_id                TEXT NOT NULL,
    take_text             TEXT NOT NULL,
    hunks                 TEXT NOT NULL,
    state                 TEXT NOT NULL,
    created_by            TEXT NOT NULL REFERENCES profiles(id),
    created_at            BIGINT NOT NULL,
    decided_by            TEXT REFERENCES profiles(id),
    decided_at            BIGINT,
    decision_ms           BIGINT,
    reason                TEXT,
    note                  TEXT,
    edited                BOOLEAN NOT NULL DEFAULT false,
    edit_distance_ppm     BIGINT,
    accepted_revision_id  TEXT REFERENCES revisions(id),
    accepted_text         TEXT,
    hunks_accepted        TEXT,
    CHECK (anchor_start >= 0 AND anchor_end >= anchor_start)
);
CREATE INDEX suggestions_document ON suggestions(document_id, created_at);

CREATE TRIGGER suggestions_kept BEFORE DELETE ON suggestions
FOR EACH ROW EXECUTE FUNCTION greenlight_refuse('suggestions are kept: reject or withdraw one instead');
CREATE TRIGGER suggestions_no_truncate BEFORE TRUNCATE ON suggestions
FOR EACH STATEMENT EXECUTE FUNCTION greenlight_refuse('suggestions are kept: reject or withdraw one instead');

CREATE FUNCTION greenlight_suggestion_take_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.id, NEW.project_id, NEW.document_id, NEW.base_revision_id, NEW.passage,
        NEW.passage_hash, NEW.instruction, NEW.preset, NEW.provider_id, NEW.provider_name,
        NEW.model, NEW.local, NEW.run_id, NEW.take_text, NEW.hunks, NEW.created_by,
        NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.project_id, OLD.document_id, OLD.base_revision_id, OLD.passage,
        OLD.passage_hash, OLD.instruction, OLD.preset, OLD.provider_id, OLD.provider_name,
        OLD.model, OLD.local, OLD.run_id, OLD.take_text, OLD.hunks, OLD.created_by,
        OLD.created_at) THEN
        RAISE EXCEPTION 'what a model wrote, and where it came from, never changes'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER suggestions_take_fixed BEFORE UPDATE ON suggestions
FOR EACH ROW EXECUTE FUNCTION greenlight_suggestion_take_fixed();

CREATE TABLE revision_attributions (
    revision_id  TEXT PRIMARY KEY REFERENCES revisions(id),
    document_id  TEXT NOT NULL REFERENCES documents(id),
    spans        TEXT NOT NULL,
    total_chars  BIGINT NOT NULL,
    ai_chars     BIGINT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX revision_attributions_document ON revision_attributions(document_id);

CREATE TRIGGER revision_attributions_immutable BEFORE UPDATE OR DELETE ON revision_attributions
FOR EACH ROW EXECUTE FUNCTION greenlight_refuse('a revision''s attribution is immutable');
CREATE TRIGGER revision_attributions_no_truncate BEFORE TRUNCATE ON revision_attributions
FOR EACH STATEMENT EXECUTE FUNCTION greenlight_refuse('a revision''s attribution is immutable');

-- An attribution is recorded by its revision's author (or copied in by a project's move).
CREATE FUNCTION greenlight_check_attribution() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM revisions r
        WHERE r.id = NEW.revision_id AND r.document_id = NEW.document_id
          AND (r.author_id = greenlight_me()
               OR greenlight_importing(greenlight_document_project(NEW.document_id)))) THEN
        RAISE EXCEPTION 'a revision''s attribution is recorded by the revision''s author (%)', current_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER revision_attributions_author BEFORE INSERT ON revision_attributions
FOR EACH ROW EXECUTE FUNCTION greenlight_check_attribution();

ALTER TABLE suggestions ENABLE ROW LEVEL SECURITY;
CREATE POLICY suggestions_members ON suggestions FOR SELECT
    USING (greenlight_is_member(project_id, current_user));
CREATE POLICY suggestions_create ON suggestions FOR INSERT
    WITH CHECK (greenlight_is_member(project_id, current_user)
                AND project_id = greenlight_document_project(document_id)
                AND (created_by = greenlight_me() OR greenlight_importing(project_id)));
CREATE POLICY suggestions_decide ON suggestions FOR UPDATE
    USING (greenlight_is_member(project_id, current_user))
    WITH CHECK (greenlight_is_member(project_id, current_user)
                AND (decided_by IS NULL OR decided_by = greenlight_me()
                     OR greenlight_importing(project_id)));

ALTER TABLE revision_attributions ENABLE ROW LEVEL SECURITY;
CREATE POLICY attributions_members ON revision_attributions FOR SELECT
    USING (greenlight_is_member(greenlight_document_project(document_id), current_user));
CREATE POLICY attributions_record ON revision_attributions FOR INSERT
    WITH CHECK (greenlight_is_member(greenlight_document_project(document_id), current_user));

REVOKE ALL ON suggestions, revision_attributions FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON suggestions TO greenlight_people;
GRANT SELECT, INSERT ON revision_attributions TO greenlight_people;
