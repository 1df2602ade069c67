-- JobHome.Actors.AdoNet schema 1 (SQLite): grain state, reminders, stream log.
-- Applied by the migrator inside one BEGIN IMMEDIATE transaction; IF NOT EXISTS keeps it re-runnable.
-- Timestamps are INTEGER microseconds since the Unix epoch (UTC).

-- version is the ETag; a cleared state keeps its row with a NULL payload (tombstone) so versions never repeat.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type   TEXT    NOT NULL,
    grain_id     TEXT    NOT NULL,
    state_name   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    payload      BLOB    NULL,
    modified_at  INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_id, state_name)
);

CREATE TABLE IF NOT EXISTS reminders (
    grain_type    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_at      INTEGER NOT NULL,
    period_us     INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_id, reminder_name)
);
CREATE INDEX IF NOT EXISTS ix_reminders_grain_hash ON reminders (grain_hash);

-- SQLite has one writer at a time, so positions are assigned and committed in the same order by construction.
CREATE TABLE IF NOT EXISTS stream_namespaces (
    namespace     TEXT    NOT NULL PRIMARY KEY,
    last_position INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS stream_heads (
    namespace     TEXT    NOT NULL,
    stream_key    TEXT    NOT NULL,
    last_sequence INTEGER NOT NULL,
    PRIMARY KEY (namespace, stream_key)
);

CREATE TABLE IF NOT EXISTS stream_events (
    namespace   TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    stream_key  TEXT    NOT NULL,
    sequence    INTEGER NOT NULL,
    payload     BLOB    NOT NULL,
    enqueued_at INTEGER NOT NULL,
    PRIMARY KEY (namespace, position),
    UNIQUE (namespace, stream_key, sequence)
);

CREATE TABLE IF NOT EXISTS stream_checkpoints (
    consumer   TEXT    NOT NULL,
    namespace  TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (consumer, namespace)
);

CREATE TABLE IF NOT EXISTS stream_failures (
    consumer   TEXT    NOT NULL,
    namespace  TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    attempts   INTEGER NOT NULL,
    last_error TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (consumer, namespace, position)
);

CREATE TABLE IF NOT EXISTS stream_dead_letters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    consumer    TEXT    NOT NULL,
    namespace   TEXT    NOT NULL,
    stream_key  TEXT    NOT NULL,
    sequence    INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    payload     BLOB    NOT NULL,
    enqueued_at INTEGER NOT NULL,
    error       TEXT    NOT NULL,
    attempts    INTEGER NOT NULL,
    failed_at   INTEGER NOT NULL,
    UNIQUE (consumer, namespace, position)
);
CREATE INDEX IF NOT EXISTS ix_stream_dead_letters_namespace ON stream_dead_letters (namespace, id);
