using System.Collections.Concurrent;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// Rows Orleans' cache dropped without a confirmed delivery (the pulling agent gave up on their delivery call), per
/// queue, from the queue's cache to the queue's receiver, which puts them back into <c>stream_queue</c>.
/// </summary>
internal sealed class SqliteRedeliveries
{
    private readonly ConcurrentDictionary<int, ConcurrentQueue<long>> _queues = new();

    /// <summary>Notes rows of queue <paramref name="queue"/> whose delivery was given up.</summary>
    public void Add(int queue, IEnumerable<long> ids)
    {
        var pending = _queues.GetOrAdd(queue, _ => new ConcurrentQueue<long>());
        foreach (var id in ids)
        {
            pending.Enqueue(id);
        }
    }

    /// <summary>Takes the rows noted for <paramref name="queue"/>, oldest first; empty when there are none.</summary>
    public List<long> Take(int queue)
    {
        var taken = new List<long>();
        if (_queues.TryGetValue(queue, out var pending))
        {
            while (pending.TryDequeue(out var id))
            {
                taken.Add(id);
            }
        }

        taken.Sort();
        return taken;
    }
}
