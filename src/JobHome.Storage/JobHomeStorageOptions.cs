using JobHome.Storage.Postgres.Streams;

namespace JobHome.Storage;

/// <summary>How a silo stores its durable state; bound from the <c>JobHome</c> configuration section.</summary>
public sealed class JobHomeStorageOptions
{
    /// <summary>Which store backs the cluster. Default: <see cref="StorageKind.Embedded"/>.</summary>
    public StorageKind Kind { get; set; } = StorageKind.Embedded;

    /// <summary>Folder of the embedded SQLite file (created when missing). Default: <c>data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>PostgreSQL connection string of the runtime (<c>ConnectionStrings:JobHome</c>). Default: none.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL connection string of a role allowed to change the schema; <see cref="ConnectionString"/> when unset.
    /// Default: none.
    /// </summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>
    /// Whether start-up applies missing schema scripts; when false it only checks the schema is current (apply it with
    /// <c>jobhome db migrate</c>). Default: <c>true</c>.
    /// </summary>
    public bool ApplySchemaOnStart { get; set; } = true;

    /// <summary>File name of the embedded database inside <see cref="DataDirectory"/>. Default: <c>jobhome.db</c>.</summary>
    public string EmbeddedFileName { get; set; } = "jobhome.db";

    /// <summary>
    /// PostgreSQL streams: how long a dequeued, unconfirmed event stays hidden before it is delivered again (after a
    /// silo dies mid-delivery). It must exceed the time a dequeued batch waits in the pulling agent's cache: shorter
    /// recovers faster, but a slow consumer then sees redeliveries that count as attempts toward the dead letters (a
    /// 15 s trial dead-lettered delivered events under load). Default: 1 min (Orleans' default).
    /// </summary>
    public TimeSpan StreamVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// PostgreSQL streams: queue partitions, each pulled by one agent somewhere in the cluster, so that several silos
    /// share the event load. Default: 8.
    /// </summary>
    public int StreamPartitions { get; set; } = 8;

    /// <summary>
    /// PostgreSQL streams: events each partition's pulling agent holds dequeued in its cache. Dequeued events stay
    /// hidden only for <see cref="StreamVisibilityTimeout"/>, so the cache must drain well within it even when consumers
    /// are slow: with Orleans' 4,096 a consumer applying ~700 events/s let cached events time out, be dequeued again and
    /// reach the attempt limit (dead-lettered although delivered). Default: 512.
    /// </summary>
    public int StreamCacheSize { get; set; } = 512;

    /// <summary>
    /// PostgreSQL streams: how long the pulling agent retries delivering one event to a consumer that keeps failing
    /// before it moves the event to the dead letters. It must stay below <see cref="StreamVisibilityTimeout"/>: the
    /// events queued behind a poison event wait that long in the cache, and past the visibility timeout they are
    /// dequeued again and counted as attempts. Default: 30 s (Orleans' default is 1 min).
    /// </summary>
    public TimeSpan StreamMaxDeliveryTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Streams on either store: queued messages (one per publish call) of one stream handed to a consumer in one call
    /// (<c>StreamPullingAgentOptions.BatchContainerBatchSize</c>), confirmed only after that call returns; the
    /// indicator aggregator applies a call's changes and writes each touched shard once. A call given up after
    /// <see cref="StreamMaxDeliveryTime"/> is judged by how it failed (docs/storage.md, docs/embedded.md: *Slow is not
    /// poison*): when the consumer threw, its first message (the one Orleans names) is dead-lettered (SQLite) or counts
    /// an attempt (PostgreSQL: dead-lettered once <see cref="StreamMaxAttempts"/> are spent); a call never answered
    /// (a response timeout) is taken back without an attempt counted. The others of a call are delivered again (SQLite:
    /// put back at the end of the queue under new ids; PostgreSQL: dequeued again after
    /// <see cref="StreamVisibilityTimeout"/>), so consumers dedupe by content (event id, version per source), not by
    /// token alone. Default: 64 (measured against 1: docs/benchmarks.md).
    /// </summary>
    public int StreamDeliveryBatchSize { get; set; } = 64;

    /// <summary>
    /// PostgreSQL streams: dequeues without a confirmed delivery after which an event is dead-lettered. Every silo
    /// death mid-delivery costs the events in flight one attempt; a delivery given up unanswered is taken back and costs
    /// none (schema 0009, docs/storage.md). Default: 10 (Orleans' default is 5).
    /// </summary>
    public int StreamMaxAttempts { get; set; } = 10;

    /// <summary>
    /// PostgreSQL only: how stream receivers are woken by LISTEN/NOTIFY and how often an idle queue is still polled
    /// (docs/storage.md, *Streams: woken by NOTIFY*). Default: <see cref="PostgresStreamWakeUpOptions"/>'s defaults.
    /// </summary>
    public PostgresStreamWakeUpOptions StreamWakeUp { get; set; } = new();

    /// <summary>Full path of the embedded SQLite file.</summary>
    public string EmbeddedPath => Path.GetFullPath(Path.Combine(DataDirectory, EmbeddedFileName));
}
