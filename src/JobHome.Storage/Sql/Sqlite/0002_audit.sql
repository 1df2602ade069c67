-- JobHome embedded store, schema 2 (SQLite): the append-only audit log (see docs/security.md).
-- Each record carries the hash of the previous one (hash chain, SHA-256 computed by the silo); triggers refuse any
-- UPDATE or DELETE, and an INSERT whose prev_hash is not the hash of the last record, so the chain cannot be forked
-- or rewritten through SQL. at_us: microseconds since the Unix epoch (UTC).
CREATE TABLE IF NOT EXISTS audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at_us     INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    role      TEXT    NOT NULL,
    address   TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    target_id TEXT    NOT NULL,
    site_code TEXT    NULL,
    site_path TEXT    NOT NULL,
    reason    TEXT    NULL,
    status    INTEGER NOT NULL,
    prev_hash TEXT    NULL,
    hash      TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_audit_log_at ON audit_log (at_us);

CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only (审计日志只增不改): UPDATE refused');
END;

CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only (审计日志只增不改): DELETE refused');
END;

CREATE TRIGGER IF NOT EXISTS audit_log_chain BEFORE INSERT ON audit_log
WHEN NEW.prev_hash IS NOT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)
BEGIN
    SELECT RAISE(ABORT, 'audit_log hash chain: prev_hash must be the hash of the last record');
END;
