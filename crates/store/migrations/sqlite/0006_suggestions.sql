-- Suggestions (a model's takes on passages, and the decisions on them) and every revision's
-- attribution (which characters came from which suggestion). The same tables as
-- postgres/0002_suggestions.sql.
--
-- A suggestion's row holds its current state and latest decision; what the model wrote and
-- where it came from never change (a trigger refuses it), and a suggestion is never deleted
-- (the ledger's suggestion.* events are its history). A revision's attribution is written
-- once, with the revision, and never changed.

CREATE TABLE suggestions (
    id                    TEXT PRIMARY KEY,
    project_id            TEXT NOT NULL REFERENCES projects(id),
    document_id           TEXT NOT NULL REFERENCES documents(id),
    -- The revision the passage was taken from; the anchor is where the passage is now (the
    -- revision it was last found unchanged in, and its characters [start, end) there).
    base_revision_id      TEXT NOT NULL REFERENCES revisions(id),
    anchor_revision_id    TEXT NOT NULL REFERENCES revisions(id),
    anchor_start          INTEGER NOT NULL,
    anchor_end            INTEGER NOT NULL,
    passage               TEXT NOT NULL,
    passage_hash          TEXT NOT NULL,
    instruction           TEXT NOT NULL,
    preset                TEXT,
    provider_id           TEXT NOT NULL,
    provider_name         TEXT NOT NULL,
    model                 TEXT NOT NULL,
    local                 INTEGER NOT NULL,
    run_id                TEXT NOT NULL,
    take_text             TEXT NOT NULL,
    -- The word-diff hunks of the take against the passage (JSON), numbered from 1: kept so
    -- that the numbers a person chose always name the same changes.
    hunks                 TEXT NOT NULL,
    state                 TEXT NOT NULL,
    created_by            TEXT NOT NULL REFERENCES profiles(id),
    created_at            INTEGER NOT NULL,
    -- The latest decision (NULL while pending).
    decided_by            TEXT REFERENCES profiles(id),
    decided_at            INTEGER,
    decision_ms           INTEGER,
    reason                TEXT,
    note                  TEXT,
    edited                INTEGER NOT NULL DEFAULT 0,
    edit_distance_ppm     INTEGER,
    accepted_revision_id  TEXT REFERENCES revisions(id),
    accepted_text         TEXT,
    hunks_accepted        TEXT,
    CHECK (anchor_start >= 0 AND anchor_end >= anchor_start)
);
CREATE INDEX suggestions_document ON suggestions(document_id, created_at);

CREATE TRIGGER suggestions_kept BEFORE DELETE ON suggestions
BEGIN SELECT RAISE(ABORT, 'suggestions are kept: reject or withdraw one instead'); END;
CREATE TRIGGER suggestions_take_fixed BEFORE UPDATE ON suggestions
WHEN NEW.id IS NOT OLD.id OR NEW.project_id IS NOT OLD.project_id
  OR NEW.document_id IS NOT OLD.document_id OR NEW.base_revision_id IS NOT OLD.base_revision_id
  OR NEW.passage IS NOT OLD.passage OR NEW.passage_hash IS NOT OLD.passage_hash
  OR NEW.instruction IS NOT OLD.instruction OR NEW.preset IS NOT OLD.preset
  OR NEW.provider_id IS NOT OLD.provider_id OR NEW.provider_name IS NOT OLD.provider_name
  OR NEW.model IS NOT OLD.model OR NEW.local IS NOT OLD.local OR NEW.run_id IS NOT OLD.run_id
  OR NEW.take_text IS NOT OLD.take_text OR NEW.hunks IS NOT OLD.hunks
  OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'what a model wrote, and where it came from, never changes'); END;

CREATE TABLE revision_attributions (
    revision_id  TEXT PRIMARY KEY REFERENCES revisions(id),
    document_id  TEXT NOT NULL REFERENCES documents(id),
    -- The spans as JSON: [{start, end, origin: human | ai, suggestion_id, edited}].
    spans        TEXT NOT NULL,
    total_chars  INTEGER NOT NULL,
    ai_chars     INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX revision_attributions_document ON revision_attributions(document_id);

CREATE TRIGGER revision_attributions_immutable_update BEFORE UPDATE ON revision_attributions
BEGIN SELECT RAISE(ABORT, 'a revision''s attribution is immutable'); END;
CREATE TRIGGER revision_attributions_immutable_delete BEFORE DELETE ON revision_attributions
BEGIN SELECT RAISE(ABORT, 'a revision''s attribution is immutable'); END;
