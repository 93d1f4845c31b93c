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
    round        BIGINT,
    thread_id    TEXT NOT NULL,
    reply_to     TEXT REFERENCES comments(id),
    anchor       TEXT NOT NULL,
    quote        TEXT,
    body         TEXT NOT NULL,
    author_id    TEXT NOT NULL REFERENCES profiles(id),
    created_at   BIGINT NOT NULL,
    resolved_at  BIGINT,
    resolved_by  TEXT REFERENCES profiles(id),
    CHECK ((document_id IS NULL) <> (asset_id IS NULL)),
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
);
CREATE INDEX comments_by_document ON comments (document_id, created_at);
CREATE INDEX comments_by_asset ON comments (asset_id, created_at);

-- On a team server: members read and write comments in their own name, on a document or
-- asset of the comment's project; what a comment says never changes; resolving or reopening a
-- thread is recorded in the resolver's name.
CREATE FUNCTION greenlight_comment_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF greenlight_importing(NEW.project_id) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF (NEW.document_id IS NOT NULL
            AND greenlight_document_project(NEW.document_id) IS DISTINCT FROM NEW.project_id)
           OR (NEW.asset_id IS NOT NULL
            AND greenlight_asset_project(NEW.asset_id) IS DISTINCT FROM NEW.project_id)
           OR (NEW.review_id IS NOT NULL
            AND greenlight_review_project(NEW.review_id) IS DISTINCT FROM NEW.project_id) THEN
            RAISE EXCEPTION 'a comment is about a document, asset or review of its own project'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.project_id IS DISTINCT FROM OLD.project_id
       OR NEW.document_id IS DISTINCT FROM OLD.document_id
       OR NEW.asset_id IS DISTINCT FROM OLD.asset_id
       OR NEW.review_id IS DISTINCT FROM OLD.review_id OR NEW.round IS DISTINCT FROM OLD.round
       OR NEW.thread_id IS DISTINCT FROM OLD.thread_id
       OR NEW.reply_to IS DISTINCT FROM OLD.reply_to OR NEW.anchor IS DISTINCT FROM OLD.anchor
       OR NEW.quote IS DISTINCT FROM OLD.quote OR NEW.body IS DISTINCT FROM OLD.body
       OR NEW.author_id IS DISTINCT FROM OLD.author_id
       OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'what a comment says never changes; only its thread is resolved or reopened'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.resolved_by IS NOT NULL
       AND NEW.resolved_by IS DISTINCT FROM (SELECT id FROM profiles WHERE login = session_user) THEN
        RAISE EXCEPTION 'a thread is resolved in the name of the person logged in'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER comments_guarded BEFORE INSERT OR UPDATE ON comments
FOR EACH ROW EXECUTE FUNCTION greenlight_comment_guard();

ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY comments_read ON comments FOR SELECT
    USING (greenlight_is_member(project_id, current_user));
CREATE POLICY comments_written ON comments FOR INSERT
    WITH CHECK ((greenlight_is_member(project_id, current_user) AND author_id = greenlight_me()
                 AND resolved_at IS NULL)
                OR greenlight_importing(project_id));
CREATE POLICY comments_resolved ON comments FOR UPDATE
    USING (greenlight_is_member(project_id, current_user))
    WITH CHECK (greenlight_is_member(project_id, current_user));
GRANT SELECT, INSERT, UPDATE ON comments TO greenlight_people;
