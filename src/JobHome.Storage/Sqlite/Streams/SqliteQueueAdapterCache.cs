using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>Creates each queue's <see cref="SqliteQueueCache"/>, wired to the provider's <see cref="SqliteRedeliveries"/>.</summary>
internal sealed class SqliteQueueAdapterCache(
    string provider,
    int cacheSize,
    SqliteRedeliveries redeliveries,
    ILoggerFactory loggerFactory) : IQueueAdapterCache
{
    /// <inheritdoc />
    public IQueueCache CreateQueueCache(QueueId queueId)
    {
        var queue = (int)queueId.GetNumericId();
        var logger = loggerFactory.CreateLogger($"{typeof(SimpleQueueCache).FullName}.{provider}.{queueId}");
        return new SqliteQueueCache(cacheSize, logger, failed => redeliveries.Add(queue, failed));
    }
}
