-- JobHome schema 0004: Orleans reminders (Microsoft.Orleans.Reminders.AdoNet 10.4.2).
-- Contract (from the 10.4.2 assembly): parameters @ServiceId, @GrainId, @ReminderName, @StartTime, @Period
-- (milliseconds; int, or bigint past int.MaxValue), @GrainHash, @BeginHash, @EndHash (uint hashes sent as
-- int), @Version (int); result columns GrainId, ReminderName, StartTime, Period (read as Int64), Version;
-- delete answers one boolean column.
-- Range reads: ReadRangeRows1Key when (int)begin < (int)end (hash in (begin, end]), otherwise
-- ReadRangeRows2Key, which wraps around the ring.

CREATE TABLE orleans_reminders
(
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(512) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    period        bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    CONSTRAINT orleans_reminders_pk PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX orleans_reminders_hash_ix ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT ON CONSTRAINT orleans_reminders_pk DO UPDATE
   SET start_time = EXCLUDED.start_time, period = EXCLUDED.period, grain_hash = EXCLUDED.grain_hash,
       version = r.version + 1
RETURNING r.version AS "Version"
$q$),
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),
('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),
('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1)
SELECT count(*) > 0 AS "Deleted" FROM removed
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
