-- Signed ledger: each event names the key that signed it and carries its signature, each
-- chain head is signed by the same key, and people's public keys are registered here (their
-- private halves stay in each person's OS keyring). As sqlite/0013_signatures.sql.
--
-- Events written before this migration stay unsigned; `ledger_signing` records the last of
-- them, so that `verify` refuses an unsigned event written afterwards. No login may change it.
-- A person registers keys in their own name only, and a key changes once: when a newer key of
-- the same person retires it.

ALTER TABLE events ADD COLUMN key_id TEXT;
ALTER TABLE events ADD COLUMN signature TEXT;
ALTER TABLE ledger_heads ADD COLUMN key_id TEXT;
ALTER TABLE ledger_heads ADD COLUMN signature TEXT;

CREATE INDEX events_key_registrations ON events (chain, key_id) WHERE kind = 'key.registered';

CREATE TABLE signing_keys (
    key_id      TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES profiles(id),
    created_at  BIGINT NOT NULL,
    replaces    TEXT REFERENCES signing_keys(key_id),
    retired_at  BIGINT
);
CREATE INDEX signing_keys_by_person ON signing_keys (user_id, created_at);

CREATE FUNCTION greenlight_check_signing_key() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'a registered signing key is never removed: old events verify against it'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.key_id IS DISTINCT FROM OLD.key_id
        OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.created_at IS DISTINCT FROM OLD.created_at
        OR NEW.replaces IS DISTINCT FROM OLD.replaces OR OLD.retired_at IS NOT NULL) THEN
        RAISE EXCEPTION 'a registered signing key only changes once: when a newer key retires it'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'INSERT' AND NEW.replaces IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM signing_keys k WHERE k.key_id = NEW.replaces AND k.user_id = NEW.user_id) THEN
        RAISE EXCEPTION 'a new signing key can only replace a key of the same person'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER signing_keys_rules BEFORE INSERT OR UPDATE OR DELETE ON signing_keys
FOR EACH ROW EXECUTE FUNCTION greenlight_check_signing_key();

ALTER TABLE signing_keys ENABLE ROW LEVEL SECURITY;
-- Public keys are public: everyone verifies everyone's signatures.
CREATE POLICY signing_keys_read ON signing_keys FOR SELECT USING (true);
CREATE POLICY signing_keys_own ON signing_keys FOR INSERT WITH CHECK (user_id = greenlight_me());
CREATE POLICY signing_keys_retire ON signing_keys FOR UPDATE
    USING (user_id = greenlight_me()) WITH CHECK (user_id = greenlight_me());
GRANT SELECT, INSERT, UPDATE ON signing_keys TO greenlight_people;

CREATE TABLE ledger_signing (
    began_after_pos BIGINT NOT NULL
);
INSERT INTO ledger_signing (began_after_pos) SELECT coalesce(max(pos), 0) FROM events;
GRANT SELECT ON ledger_signing TO greenlight_people;
