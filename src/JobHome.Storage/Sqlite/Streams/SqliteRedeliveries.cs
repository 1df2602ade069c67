using System.Collections.Concurrent;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// Rows Orleans' cache dropped without a confirmed delivery (the pulling agent gave up on their delivery call), per
/// queue, from the queue's cache to the queue's receiver, which puts them back into <c>stream_queue</c>; and the rows of
/// given-up calls the consumer never answered (<see cref="SqliteDeliveryOutcomes"/>), from the failure handler to the
/// receiver, whose move then charges them no attempt.
/// </summary>
internal sealed class SqliteRedeliveries
{
    private readonly ConcurrentDictionary<int, ConcurrentQueue<long>> _queues = new();
    private readonly ConcurrentDictionary<long, byte> _unanswered = new();

    /// <summary>
    /// Notes rows of a given-up call that the consumer never answered (a timeout, a rejection): not the rows' fault, so
    /// their move back into the queue does not count an attempt. Noted before the cache can report them dropped (the
    /// agent pins the call's cache bucket until its failure handler returned).
    /// </summary>
    public void Unanswered(IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            _unanswered[id] = 0;
        }
    }

    /// <summary>Whether row <paramref name="id"/> was noted <see cref="Unanswered"/> (and forgets it).</summary>
    public bool TakeUnanswered(long id) => !_unanswered.IsEmpty && _unanswered.TryRemove(id, out _);

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
