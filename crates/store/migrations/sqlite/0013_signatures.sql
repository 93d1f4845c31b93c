-- Signed ledger: each event names the key that signed it and carries its signature, each
-- chain head is signed by the same key, and people's public keys are registered here (their
-- private halves stay in each person's OS keyring). As postgres/0009_signatures.sql.
--
-- Events written before this migration stay unsigned; `ledger_signing` records the last of
-- them, so that `verify` refuses an unsigned event written afterwards.

ALTER TABLE events ADD COLUMN key_id TEXT;
ALTER TABLE events ADD COLUMN signature TEXT;
ALTER TABLE ledger_heads ADD COLUMN key_id TEXT;
ALTER TABLE ledger_heads ADD COLUMN signature TEXT;

-- Whether a key is registered on a chain yet (asked before every append).
CREATE INDEX events_key_registrations ON events (chain, key_id) WHERE kind = 'key.registered';

CREATE TABLE signing_keys (
    -- The Ed25519 public key, 64 hex digits.
    key_id      TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES profiles(id),
    created_at  INTEGER NOT NULL,
    -- The key this one succeeds (lost, or left on another computer).
    replaces    TEXT REFERENCES signing_keys(key_id),
    -- When a newer key replaced this one; it signs nothing afterwards.
    retired_at  INTEGER
);
CREATE INDEX signing_keys_by_person ON signing_keys (user_id, created_at);

CREATE TRIGGER signing_keys_kept BEFORE DELETE ON signing_keys
BEGIN SELECT RAISE(ABORT, 'a registered signing key is never removed: old events verify against it'); END;
CREATE TRIGGER signing_keys_fixed BEFORE UPDATE ON signing_keys
WHEN NEW.key_id IS NOT OLD.key_id OR NEW.user_id IS NOT OLD.user_id
  OR NEW.created_at IS NOT OLD.created_at OR NEW.replaces IS NOT OLD.replaces
  OR OLD.retired_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a registered signing key only changes once: when a newer key retires it'); END;

CREATE TABLE ledger_signing (
    began_after_pos INTEGER NOT NULL
);
INSERT INTO ledger_signing (began_after_pos) SELECT coalesce(max(pos), 0) FROM events;
CREATE TRIGGER ledger_signing_fixed_update BEFORE UPDATE ON ledger_signing
BEGIN SELECT RAISE(ABORT, 'when signatures began is recorded once'); END;
CREATE TRIGGER ledger_signing_fixed_delete BEFORE DELETE ON ledger_signing
BEGIN SELECT RAISE(ABORT, 'when signatures began is recorded once'); END;
CREATE TRIGGER ledger_signing_fixed_insert BEFORE INSERT ON ledger_signing
BEGIN SELECT RAISE(ABORT, 'when signatures began is recorded once'); END;
