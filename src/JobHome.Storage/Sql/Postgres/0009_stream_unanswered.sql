-- JobHome schema 0009: a stream delivery the consumer never answered is not an attempt, and every dead letter says why.
-- Orleans' pulling agent gives up on a delivery call after MaxEventDeliveryTime whether the consumer threw or never
-- answered (response timeouts of a consumer busy on a swamped silo), and names only the call's first message. The silo
-- notes how each failed call ended (an outgoing grain call filter) and, when the agent gives up, runs one of these
-- instead of FailStreamMessageKey:
--   * unanswered: jobhome_stream_take_back for every message of the call: the dequeue that read it is taken back
--     (dequeued - 1) and it is visible again at once, so it is delivered again without an attempt counted;
--   * the consumer threw: jobhome_stream_fail for the first message (visible again while attempts remain, otherwise
--     dead-lettered with the reason); the call's other messages come back after the visibility timeout, as before.
-- Both act on a message only while it still carries the receipt (its dequeued count) of the read the call delivered:
-- a message dequeued again meanwhile (its visibility timeout ran out) belongs to that later read and is not touched.
-- Rows are locked in message order, as the dequeue and the confirmation lock them.

ALTER TABLE orleans_stream_dead_letter ADD COLUMN reason text NULL;

-- Takes back the read of each message p_message_ids[i] that still carries its receipt p_receipts[i] (dequeued - 1) and
-- makes it visible again at once. Wakes the queue's receivers (NOTIFY, schema 0008) when any message moved. Returns how
-- many did.
CREATE FUNCTION jobhome_stream_take_back(
    p_service_id text, p_provider_id text, p_queue_id text, p_message_ids bigint[], p_receipts integer[])
    RETURNS integer
    LANGUAGE plpgsql
AS $body$
DECLARE
    v_moved integer;
BEGIN
    WITH held AS (
        SELECT m.message_id
          FROM orleans_stream_message m
          JOIN unnest(p_message_ids, p_receipts) AS r (message_id, receipt)
            ON r.message_id = m.message_id AND m.dequeued = r.receipt AND r.receipt > 0
         WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
         ORDER BY m.message_id
           FOR UPDATE OF m),
    moved AS (
        UPDATE orleans_stream_message m
           SET dequeued = m.dequeued - 1,
               visible_on = now(),
               modified_on = now()
          FROM held h
         WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
           AND m.message_id = h.message_id
        RETURNING 1)
    SELECT count(*)::integer INTO v_moved FROM moved;

    IF v_moved > 0 THEN
        PERFORM pg_notify('jobhome_stream', p_provider_id || ':' || p_queue_id);
    END IF;

    RETURN v_moved;
END
$body$;

-- A delivery the consumer failed (it threw on the last attempt the agent made): message p_message_id, read with receipt
-- p_receipt, is visible again while attempts remain (returns 1), otherwise moved to the dead letters with p_reason
-- (returns 2); 0 when it is gone or was dequeued again since.
CREATE FUNCTION jobhome_stream_fail(
    p_service_id text, p_provider_id text, p_queue_id text, p_message_id bigint, p_receipt integer,
    p_max_attempts integer, p_removal_timeout integer, p_reason text)
    RETURNS integer
    LANGUAGE plpgsql
AS $body$
DECLARE
    v_dequeued integer;
BEGIN
    SELECT m.dequeued INTO v_dequeued
      FROM orleans_stream_message m
     WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
       AND m.message_id = p_message_id AND m.dequeued = p_receipt
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    IF v_dequeued < p_max_attempts THEN
        UPDATE orleans_stream_message m
           SET visible_on = now(), modified_on = now()
         WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
           AND m.message_id = p_message_id;
        PERFORM pg_notify('jobhome_stream', p_provider_id || ':' || p_queue_id);
        RETURN 1;
    END IF;

    WITH dead AS (
        DELETE FROM orleans_stream_message m
         WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
           AND m.message_id = p_message_id
        RETURNING m.*)
    INSERT INTO orleans_stream_dead_letter (service_id, provider_id, queue_id, message_id, dequeued, visible_on,
                                            expires_on, created_on, modified_on, dead_on, remove_on, payload, reason)
    SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on, modified_on,
           now(), now() + make_interval(secs => p_removal_timeout), payload, p_reason
      FROM dead;
    RETURN 2;
END
$body$;

-- 0005's eviction (inside a dequeue, and EvictStreamMessagesKey) with the reason of each message it moves.
CREATE OR REPLACE FUNCTION jobhome_orleans_stream_evict_messages(
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
                                                remove_on, payload, reason)
        SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
               modified_on, now(), now() + make_interval(secs => p_removal_timeout), payload,
               CASE WHEN dequeued >= p_max_attempts
                    THEN 'dequeued ' || dequeued || ' times without a confirmed delivery'
                    ELSE 'expired before a confirmed delivery' END
          FROM moved
        RETURNING 1)
    SELECT count(*)::integer FROM kept;
$body$;
