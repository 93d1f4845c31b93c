-- Comments anchored to a span of a revision, a region of an image, a time of a video or
-- audio file, a page of a PDF, or a whole document or asset; threads of replies, resolved and
-- reopened as a whole. As postgres/0008_comments.sql. `anchor` is domain::comment's
-- CommentAnchor as JSON; what a comment says never changes, only whether its thread is
-- resolved.
CREATE TABLE comments (
    id           TEXT PRIMARY KEY,
    project_id   TEXT NOT NULL REFERENCES projects(id),
    document_id  TEXT REFERENCES documents(id),
    asset_id     TEXT REFERENCES assets(id),
    review_id    TEXT REFERENCES reviews(id),
    round        INTEGER,
    thread_id    TEXT NOT NULL,
    reply_to     TEXT REFERENCES comments(id),
    anchor       TEXT NOT NULL,
    quote        TEXT,
    body         TEXT NOT NULL,
    author_id    TEXT NOT NULL REFERENCES profiles(id),
    created_at   INTEGER NOT NULL,
    resolved_at  INTEGER,
    resolved_by  TEXT REFERENCES profiles(id),
    CHECK ((document_id IS NULL) <> (asset_id IS NULL)),
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
);
CREATE INDEX comments_by_document ON comments (document_id, created_at);
CREATE INDEX comments_by_asset ON comments (asset_id, created_at);

CREATE TRIGGER comments_said_stays_said BEFORE UPDATE ON comments
WHEN NEW.id IS NOT OLD.id OR NEW.project_id IS NOT OLD.project_id
  OR NEW.document_id IS NOT OLD.document_id OR NEW.asset_id IS NOT OLD.asset_id
  OR NEW.review_id IS NOT OLD.review_id OR NEW.round IS NOT OLD.round
  OR NEW.thread_id IS NOT OLD.thread_id OR NEW.reply_to IS NOT OLD.reply_to
  OR NEW.anchor IS NOT OLD.anchor OR NEW.quote IS NOT OLD.quote OR NEW.body IS NOT OLD.body
  OR NEW.author_id IS NOT OLD.author_id OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'what a comment says never changes; only its thread is resolved or reopened');
END;
