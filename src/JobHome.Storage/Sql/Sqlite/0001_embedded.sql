-- JobHome embedded store, schema 1 (SQLite): grain state, reminders, stream queue, stream dead letters.
-- Runs inside one BEGIN IMMEDIATE transaction; IF NOT EXISTS keeps it re-runnable.
-- Timestamps are INTEGER microseconds since the Unix epoch (UTC).

-- version is the ETag. A cleared state keeps its row with a NULL payload (tombstone) so that a version is never
-- handed out twice for one state and an ETag from before the clear cannot match again.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_id    TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    payload     BLOB    NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (grain_id, state_name)
) WITHOUT ROWID;

-- grain_hash is GrainId.GetUniformHashCode() (uint stored as INTEGER) for the reminder service's range reads.
CREATE TABLE IF NOT EXISTS reminders (
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL,
    start_at      INTEGER NOT NULL,
    period_us     INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (grain_id, reminder_name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_reminders_grain_hash ON reminders (grain_hash);

-- One row per published batch (OnNextAsync: one event, OnNextBatchAsync: the whole batch). AUTOINCREMENT: ids are
-- never reused, even after rows are deleted, so an id is a stable sequence token consumers can dedupe by.
-- A row is deleted only after Orleans' pulling agent reports it delivered; attempts counts how often it was read
-- (a read that is not followed by a delete means the silo died before delivery finished).
CREATE TABLE IF NOT EXISTS stream_queue (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    provider    TEXT    NOT NULL,
    queue_id    INTEGER NOT NULL,
    stream_id   TEXT    NOT NULL,
    payload     BLOB    NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    enqueued_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_stream_queue_read ON stream_queue (provider, queue_id, id);

-- Messages taken out of the queue for good: delivery kept failing (Orleans' MaxEventDeliveryTime) or the message was
-- read MaxAttempts times without being confirmed. Kept for operators; nothing re-delivers them.
CREATE TABLE IF NOT EXISTS stream_dead_letters (
    message_id  INTEGER NOT NULL PRIMARY KEY,
    provider    TEXT    NOT NULL,
    queue_id    INTEGER NOT NULL,
    stream_id   TEXT    NOT NULL,
    payload     BLOB    NOT NULL,
    attempts    INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    enqueued_at INTEGER NOT NULL,
    failed_at   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_stream_dead_letters_provider ON stream_dead_letters (provider, failed_at);
