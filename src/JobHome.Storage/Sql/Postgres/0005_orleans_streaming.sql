-- JobHome schema 0005: Orleans durable streams (Microsoft.Orleans.Streaming.AdoNet 10.4.2-alpha.1).
-- Contract (from the assembly): parameters @ServiceId, @ProviderId, @QueueId, @Payload, @ExpiryTimeout,
-- @MaxCount, @MaxAttempts, @VisibilityTimeout, @RemovalTimeout, @EvictionInterval, @EvictionBatchSize (all
-- timeouts in whole seconds), @MessageId, @Items; result columns ServiceId, ProviderId, QueueId, MessageId
-- (bigint), Dequeued (int), VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, Payload.
-- Note: the eviction keys get @MaxCount (Orleans' own PostgreSQL script names it @BatchSize).
--
-- Delivery: a dequeue hides a batch for the visibility timeout and counts the attempt. The pair
-- (MessageId, Dequeued) is the receipt: confirming deletes a row only while its attempt count still equals
-- the receipt, so a receiver whose visibility timeout ran out cannot delete a message another receiver has
-- dequeued since; a negative receipt releases the row (visible now) during a queue hand-off, under the same
-- check. Rows are locked in MessageId order and dequeues skip rows another transaction holds.

CREATE TABLE orleans_stream_message
(
    service_id  varchar(150) NOT NULL,
    provider_id varchar(150) NOT NULL,
    queue_id    varchar(150) NOT NULL,
    message_id  bigint       GENERATED ALWAYS AS IDENTITY,
    dequeued    integer      NOT NULL DEFAULT 0,
    visible_on  timestamptz  NOT NULL,
    expires_on  timestamptz  NOT NULL,
    created_on  timestamptz  NOT NULL,
    modified_on timestamptz  NOT NULL,
    payload     bytea        NOT NULL,
    CONSTRAINT orleans_stream_message_pk PRIMARY KEY (service_id, provider_id, queue_id, message_id)
);

CREATE TABLE orleans_stream_dead_letter
(
    service_id  varchar(150) NOT NULL,
    provider_id varchar(150) NOT NULL,
    queue_id    varchar(150) NOT NULL,
    message_id  bigint       NOT NULL,
    dequeued    integer      NOT NULL,
    visible_on  timestamptz  NOT NULL,
    expires_on  timestamptz  NOT NULL,
    created_on  timestamptz  NOT NULL,
    modified_on timestamptz  NOT NULL,
    dead_on     timestamptz  NOT NULL,
    remove_on   timestamptz  NOT NULL,
    payload     bytea        NULL,
    CONSTRAINT orleans_stream_dead_letter_pk PRIMARY KEY (service_id, provider_id, queue_id, message_id)
);

-- When each queue next runs its opportunistic eviction (inside a dequeue).
CREATE TABLE orleans_stream_control
(
    service_id  varchar(150) NOT NULL,
    provider_id varchar(150) NOT NULL,
    queue_id    varchar(150) NOT NULL,
    evict_on    timestamptz  NOT NULL,
    CONSTRAINT orleans_stream_control_pk PRIMARY KEY (service_id, provider_id, queue_id)
);

-- Moves up to p_max_count messages that had their chance (visible again) but expired or used up their
-- attempts into the dead letters.
CREATE FUNCTION jobhome_orleans_stream_evict_messages(
    p_service_id text, p_provider_id text, p_queue_id text, p_max_count integer, p_max_attempts integer,
    p_removal_timeout integer)
    RETURNS integer
    LANGUAGE sql
AS $body$
    WITH doomed AS (
        SELECT message_id
          FROM orleans_stream_message
         WHERE service_id = p_service_id AND provider_id = p_provider_id AND queue_id = p_queue_id
           AND visible_on <= now() AND (dequeued >= p_max_attempts OR expires_on <= now())
         ORDER BY message_id
         LIMIT p_max_count
           FOR UPDATE SKIP LOCKED),
    moved AS (
        DELETE FROM orleans_stream_message m
         USING doomed d
         WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
           AND m.message_id = d.message_id
        RETURNING m.*),
    kept AS (
        INSERT INTO orleans_stream_dead_letter (service_id, provider_id, queue_id, message_id, dequeued,
                                                visible_on, expires_on, created_on, modified_on, dead_on,
                                                remove_on, payload)
        SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
               modified_on, now(), now() + make_interval(secs => p_removal_timeout), payload
          FROM moved
        RETURNING 1)
    SELECT count(*)::integer FROM kept;
$body$;

-- Deletes up to p_max_count dead letters whose retention ended.
CREATE FUNCTION jobhome_orleans_stream_evict_dead_letters(
    p_service_id text, p_provider_id text, p_queue_id text, p_max_count integer)
    RETURNS integer
    LANGUAGE sql
AS $body$
    WITH doomed AS (
        SELECT message_id
          FROM orleans_stream_dead_letter
         WHERE service_id = p_service_id AND provider_id = p_provider_id AND queue_id = p_queue_id
           AND remove_on <= now()
         ORDER BY message_id
         LIMIT p_max_count
           FOR UPDATE SKIP LOCKED),
    removed AS (
        DELETE FROM orleans_stream_dead_letter l
         USING doomed d
         WHERE l.service_id = p_service_id AND l.provider_id = p_provider_id AND l.queue_id = p_queue_id
           AND l.message_id = d.message_id
        RETURNING 1)
    SELECT count(*)::integer FROM removed;
$body$;

-- Runs the queue's eviction when it is due (one dequeuer wins the schedule), then hides and returns the next
-- visible batch.
CREATE FUNCTION jobhome_orleans_stream_dequeue(
    p_service_id text, p_provider_id text, p_queue_id text, p_max_count integer, p_max_attempts integer,
    p_visibility_timeout integer, p_removal_timeout integer, p_eviction_interval integer,
    p_eviction_batch_size integer)
    RETURNS TABLE (service_id varchar, provider_id varchar, queue_id varchar, message_id bigint,
                   dequeued integer, visible_on timestamptz, expires_on timestamptz, created_on timestamptz,
                   modified_on timestamptz, payload bytea)
    LANGUAGE plpgsql
AS $body$
#variable_conflict use_column
BEGIN
    INSERT INTO orleans_stream_control (service_id, provider_id, queue_id, evict_on)
    VALUES (p_service_id, p_provider_id, p_queue_id, now())
    ON CONFLICT ON CONSTRAINT orleans_stream_control_pk DO NOTHING;

    UPDATE orleans_stream_control
       SET evict_on = now() + make_interval(secs => p_eviction_interval)
     WHERE service_id = p_service_id AND provider_id = p_provider_id AND queue_id = p_queue_id
       AND evict_on <= now();
    IF FOUND THEN
        PERFORM jobhome_orleans_stream_evict_messages(p_service_id, p_provider_id, p_queue_id,
                                                      p_eviction_batch_size, p_max_attempts, p_removal_timeout);
        PERFORM jobhome_orleans_stream_evict_dead_letters(p_service_id, p_provider_id, p_queue_id,
                                                          p_eviction_batch_size);
    END IF;

    RETURN QUERY
    WITH batch AS (
        SELECT m.message_id AS id
          FROM orleans_stream_message m
         WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
           AND m.dequeued < p_max_attempts AND m.visible_on <= now() AND m.expires_on > now()
         ORDER BY m.message_id
         LIMIT p_max_count
           FOR UPDATE SKIP LOCKED)
    UPDATE orleans_stream_message m
       SET dequeued = m.dequeued + 1,
           visible_on = now() + make_interval(secs => p_visibility_timeout),
           modified_on = now()
      FROM batch b
     WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
       AND m.message_id = b.id
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id, m.dequeued, m.visible_on, m.expires_on,
              m.created_on, m.modified_on, m.payload;
END
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('QueueStreamMessageKey', $q$
INSERT INTO orleans_stream_message (service_id, provider_id, queue_id, visible_on, expires_on, created_on,
                                    modified_on, payload)
VALUES (@ServiceId, @ProviderId, @QueueId, now(), now() + make_interval(secs => @ExpiryTimeout), now(), now(),
        @Payload)
RETURNING service_id AS "ServiceId", provider_id AS "ProviderId", queue_id AS "QueueId",
          message_id AS "MessageId"
$q$),
('GetStreamMessagesKey', $q$
SELECT service_id AS "ServiceId", provider_id AS "ProviderId", queue_id AS "QueueId", message_id AS "MessageId",
       dequeued AS "Dequeued", visible_on AS "VisibleOn", expires_on AS "ExpiresOn", created_on AS "CreatedOn",
       modified_on AS "ModifiedOn", payload AS "Payload"
  FROM jobhome_orleans_stream_dequeue(@ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts,
                                      @VisibilityTimeout, @RemovalTimeout, @EvictionInterval, @EvictionBatchSize)
$q$),
-- @Items is "MessageId:Dequeued|..."; a positive receipt confirms (deletes), a negative one releases.
('ConfirmStreamMessagesKey', $q$
WITH receipts AS (
    SELECT split_part(item, ':', 1)::bigint AS message_id, split_part(item, ':', 2)::integer AS receipt
      FROM unnest(string_to_array(@Items, '|')) AS item),
held AS (
    SELECT m.message_id, r.receipt
      FROM orleans_stream_message m
      JOIN receipts r ON r.message_id = m.message_id AND m.dequeued = abs(r.receipt)
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
     ORDER BY m.message_id
       FOR UPDATE OF m),
confirmed AS (
    DELETE FROM orleans_stream_message m
     USING held h
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = h.message_id AND h.receipt > 0
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id),
released AS (
    UPDATE orleans_stream_message m
       SET visible_on = now(), modified_on = now()
      FROM held h
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = h.message_id AND h.receipt < 0
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id)
SELECT service_id AS "ServiceId", provider_id AS "ProviderId", queue_id AS "QueueId", message_id AS "MessageId"
  FROM confirmed
UNION ALL
SELECT service_id, provider_id, queue_id, message_id FROM released
$q$),
-- A failed delivery: visible again while attempts remain, otherwise into the dead letters.
('FailStreamMessageKey', $q$
WITH retried AS (
    UPDATE orleans_stream_message
       SET visible_on = now(), modified_on = now()
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND message_id = @MessageId AND dequeued < @MaxAttempts
    RETURNING 1),
dead AS (
    DELETE FROM orleans_stream_message
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND message_id = @MessageId AND dequeued >= @MaxAttempts
    RETURNING *)
INSERT INTO orleans_stream_dead_letter (service_id, provider_id, queue_id, message_id, dequeued, visible_on,
                                        expires_on, created_on, modified_on, dead_on, remove_on, payload)
SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on, modified_on,
       now(), now() + make_interval(secs => @RemovalTimeout), payload
  FROM dead
$q$),
('EvictStreamMessagesKey', $q$
SELECT jobhome_orleans_stream_evict_messages(@ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts,
                                             @RemovalTimeout) AS "Evicted"
$q$),
('EvictStreamDeadLettersKey', $q$
SELECT jobhome_orleans_stream_evict_dead_letters(@ServiceId, @ProviderId, @QueueId, @MaxCount) AS "Removed"
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
