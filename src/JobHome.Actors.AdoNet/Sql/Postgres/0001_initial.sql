-- JobHome.Actors.AdoNet schema 1 (PostgreSQL): grain state, reminders, stream log.
-- Applied by the migrator inside one transaction holding an advisory lock; IF NOT EXISTS keeps it re-runnable.

-- One row per (grain type, id, state name). version is the ETag. A cleared state keeps its row with a NULL payload
-- (a tombstone) so that its version keeps growing: a writer holding an ETag from before the clear can never match again.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type   text        NOT NULL,
    grain_id     text        NOT NULL,
    state_name   text        NOT NULL,
    version      bigint      NOT NULL,
    payload      bytea       NULL,
    modified_at  timestamptz NOT NULL,
    PRIMARY KEY (grain_type, grain_id, state_name)
);

CREATE TABLE IF NOT EXISTS reminders (
    grain_type    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_at      timestamptz NOT NULL,
    period_us     bigint      NOT NULL,
    grain_hash    bigint      NOT NULL,
    version       bigint      NOT NULL,
    PRIMARY KEY (grain_type, grain_id, reminder_name)
);
CREATE INDEX IF NOT EXISTS ix_reminders_grain_hash ON reminders (grain_hash);

-- Position counter per namespace. Appenders increment it first in their transaction, which row-locks it until commit:
-- appenders of one namespace are serialised, so positions become visible in the order they were assigned.
CREATE TABLE IF NOT EXISTS stream_namespaces (
    namespace     text   NOT NULL PRIMARY KEY,
    last_position bigint NOT NULL
);

-- Last sequence per stream (gap-free per stream).
CREATE TABLE IF NOT EXISTS stream_heads (
    namespace     text   NOT NULL,
    stream_key    text   NOT NULL,
    last_sequence bigint NOT NULL,
    PRIMARY KEY (namespace, stream_key)
);

CREATE TABLE IF NOT EXISTS stream_events (
    namespace   text        NOT NULL,
    position    bigint      NOT NULL,
    stream_key  text        NOT NULL,
    sequence    bigint      NOT NULL,
    payload     bytea       NOT NULL,
    enqueued_at timestamptz NOT NULL,
    PRIMARY KEY (namespace, position),
    UNIQUE (namespace, stream_key, sequence)
);

CREATE TABLE IF NOT EXISTS stream_checkpoints (
    consumer   text        NOT NULL,
    namespace  text        NOT NULL,
    position   bigint      NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (consumer, namespace)
);

CREATE TABLE IF NOT EXISTS stream_failures (
    consumer   text        NOT NULL,
    namespace  text        NOT NULL,
    position   bigint      NOT NULL,
    attempts   integer     NOT NULL,
    last_error text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (consumer, namespace, position)
);

CREATE TABLE IF NOT EXISTS stream_dead_letters (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer    text        NOT NULL,
    namespace   text        NOT NULL,
    stream_key  text        NOT NULL,
    sequence    bigint      NOT NULL,
    position    bigint      NOT NULL,
    payload     bytea       NOT NULL,
    enqueued_at timestamptz NOT NULL,
    error       text        NOT NULL,
    attempts    integer     NOT NULL,
    failed_at   timestamptz NOT NULL,
    UNIQUE (consumer, namespace, position)
);
CREATE INDEX IF NOT EXISTS ix_stream_dead_letters_namespace ON stream_dead_letters (namespace, id);
