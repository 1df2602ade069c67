using System.Collections.Concurrent;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>The <see cref="SqliteQueueSignal"/> of each queue of one stream provider in this process.</summary>
internal sealed class SqliteQueueSignals
{
    private readonly ConcurrentDictionary<int, SqliteQueueSignal> _queues = new();

    /// <summary>The signal of queue <paramref name="queue"/> (created on first use).</summary>
    public SqliteQueueSignal For(int queue) => _queues.GetOrAdd(queue, static _ => new SqliteQueueSignal());
}
