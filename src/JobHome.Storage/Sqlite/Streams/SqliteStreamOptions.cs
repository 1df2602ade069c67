namespace JobHome.Storage.Sqlite.Streams;

/// <summary>Options of the durable stream provider on the embedded SQLite file.</summary>
public sealed class SqliteStreamOptions
{
    /// <summary>Number of queues (one pulling agent each) the streams are hashed over. Default: 4.</summary>
    public int QueueCount { get; set; } = 4;

    /// <summary>
    /// Reads of one message without a confirmed delivery (each means a silo died while delivering it, or a given-up
    /// delivery in which the consumer threw put it back; an unanswered one does not count) after which the next read
    /// dead-letters it instead of delivering it again. At least 2: the enqueue counts a row's first read in
    /// advance, so a row whose process died before reading it carries one count too many. Default: 10.
    /// </summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// How long Orleans' pulling agent keeps retrying a failing delivery before it gives up on it
    /// (<c>StreamPullingAgentOptions.MaxEventDeliveryTime</c>): if the consumer threw on the last attempt, the call's first
    /// message is dead-lettered; if the call went unanswered (response timeouts of a busy consumer, rejections) its
    /// messages are delivered again without an attempt counted (<see cref="SqliteDeliveryOutcomes"/>). Default: 1 min.
    /// </summary>
    public TimeSpan MaxEventDeliveryTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Pause of Orleans' pulling agent between its read loops of a queue (<c>StreamPullingAgentOptions.GetQueueMsgsTimerPeriod</c>):
    /// the agent does not tick while a read is outstanding, and an idle read waits up to <see cref="IdleWait"/> for a
    /// commit to the queue, so this is the delay only after a loop ended (an idle wait ran out, the cache was full, a new
    /// stream's subscription was being looked up). Default: 10 ms (was 100 ms before the wake-up).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long a receiver that has read everything waits for the in-process signal of a commit to its queue before it
    /// returns an empty read; the signal ends the wait at once, so this bounds only how often an idle queue's loop turns
    /// (no SQL while nothing was committed). Zero: never wait, return at once (still no SQL). Default: 1 s.
    /// </summary>
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages one queue reads at most per poll. Default: 1000.</summary>
    public int ReadBatchSize { get; set; } = 1000;

    /// <summary>
    /// Queued messages of one stream the pulling agent hands to a consumer in one call
    /// (<c>StreamPullingAgentOptions.BatchContainerBatchSize</c>); a batch observer gets them as one list, and the
    /// messages are confirmed only after that call returns. A delivery that keeps failing past
    /// <see cref="MaxEventDeliveryTime"/> gives up on every message of its call: the first is dead-lettered, the others
    /// are put back at the end of the queue under new ids and delivered again, so consumers must dedupe by content
    /// (event id, version per source), not by token alone. The silo's hosting sets
    /// <c>JobHomeStorageOptions.StreamDeliveryBatchSize</c> (64). Default: 1 (Orleans' default: one message per call).
    /// </summary>
    public int DeliveryBatchSize { get; set; } = 1;

    /// <summary>Messages held per queue in Orleans' cache until every consumer has them. Default: 4096.</summary>
    public int CacheSize { get; set; } = 4096;
}
