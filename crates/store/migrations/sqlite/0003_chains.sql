-- One ledger chain per project (and a workspace chain for events of no project), typed and
-- versioned payloads. The schema-1 global chain is kept, read-only, as `legacy_events` with
-- its head; on first open the app verifies it and re-links its events into their chains
-- (payload bytes unchanged, schema_version 1), recording the old head in a `ledger.migrated`
-- event, so `verify` can keep checking the old chain against the new record.

DROP TRIGGER events_append_only_update;
DROP TRIGGER events_append_only_delete;
DROP INDEX events_project;
ALTER TABLE events RENAME TO legacy_events;
ALTER TABLE ledger_head RENAME TO legacy_ledger_head;

CREATE TRIGGER legacy_events_read_only_insert BEFORE INSERT ON legacy_events
BEGIN SELECT RAISE(ABORT, 'the schema-1 event log is read-only'); END;
CREATE TRIGGER legacy_events_read_only_update BEFORE UPDATE ON legacy_events
BEGIN SELECT RAISE(ABORT, 'the schema-1 event log is read-only'); END;
CREATE TRIGGER legacy_events_read_only_delete BEFORE DELETE ON legacy_events
BEGIN SELECT RAISE(ABORT, 'the schema-1 event log is read-only'); END;

CREATE TABLE events (
    -- Insertion order across chains, for feeds; not part of any hash. (Rows are never
    -- deleted, so the rowid only grows: no AUTOINCREMENT bookkeeping is needed.)
    pos             INTEGER PRIMARY KEY,
    -- `workspace`, or the project's id.
    chain           TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    id              TEXT NOT NULL UNIQUE,
    at              INTEGER NOT NULL,
    actor           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    schema_version  INTEGER NOT NULL,
    subject         TEXT NOT NULL,
    payload         TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL,
    UNIQUE (chain, seq)
);
CREATE INDEX events_chain_at ON events(chain, at);

CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

-- The newest event of each chain, written in the same transaction as each append, so that
-- events cut from the end of a chain are detected.
CREATE TABLE ledger_heads (
    chain  TEXT PRIMARY KEY,
    seq    INTEGER NOT NULL,
    hash   TEXT NOT NULL
);
