-- JobHome schema 0008: stream queues wake their receivers with NOTIFY instead of being polled every 100 ms.
-- Every statement that makes rows readable for a queue (an enqueue, a failed delivery made visible again, a release
-- during a queue hand-off) also runs pg_notify('jobhome_stream', '<provider_id>:<queue_id>') in its own transaction,
-- so the notification is delivered only when the rows are committed (and never for a rolled-back enqueue). Silos LISTEN
-- on one dedicated connection each and wake the queue's receiver; a slow poll of each idle queue stays as the safety
-- net for a notification lost with a dropped connection, and for rows whose visibility timeout runs out.
-- Parameters and result columns are those of 0005 (the 10.4.2-alpha.1 contract); only the query texts change.

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('QueueStreamMessageKey', $q$
WITH queued AS (
    INSERT INTO orleans_stream_message (service_id, provider_id, queue_id, visible_on, expires_on, created_on,
                                        modified_on, payload)
    VALUES (@ServiceId, @ProviderId, @QueueId, now(), now() + make_interval(secs => @ExpiryTimeout), now(), now(),
            @Payload)
    RETURNING service_id, provider_id, queue_id, message_id)
SELECT q.service_id AS "ServiceId", q.provider_id AS "ProviderId", q.queue_id AS "QueueId",
       q.message_id AS "MessageId"
  FROM queued q
 CROSS JOIN LATERAL pg_notify('jobhome_stream', q.provider_id || ':' || q.queue_id) AS woken
$q$),
-- @Items is "MessageId:Dequeued|..."; a positive receipt confirms (deletes), a negative one releases (and wakes).
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
SELECT r.service_id, r.provider_id, r.queue_id, r.message_id
  FROM released r
 CROSS JOIN LATERAL pg_notify('jobhome_stream', r.provider_id || ':' || r.queue_id) AS woken
$q$),
-- A failed delivery: visible again (and woken) while attempts remain, otherwise into the dead letters.
('FailStreamMessageKey', $q$
WITH retried AS (
    UPDATE orleans_stream_message
       SET visible_on = now(), modified_on = now()
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND message_id = @MessageId AND dequeued < @MaxAttempts
    RETURNING provider_id, queue_id),
dead AS (
    DELETE FROM orleans_stream_message
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND message_id = @MessageId AND dequeued >= @MaxAttempts
    RETURNING *),
buried AS (
    INSERT INTO orleans_stream_dead_letter (service_id, provider_id, queue_id, message_id, dequeued, visible_on,
                                            expires_on, created_on, modified_on, dead_on, remove_on, payload)
    SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on, modified_on,
           now(), now() + make_interval(secs => @RemovalTimeout), payload
      FROM dead
    RETURNING 1)
SELECT count(*)::integer AS "Retried"
  FROM retried r
 CROSS JOIN LATERAL pg_notify('jobhome_stream', r.provider_id || ':' || r.queue_id) AS woken
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
