using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// Orleans' <see cref="SimpleQueueCache"/> for one queue that also reports the rows it drops unconfirmed. When the
/// pulling agent gives up on a delivery call it marks every message of the call failed, and the cache purges failed
/// messages without handing them to <see cref="IQueueAdapterReceiver.MessagesDeliveredAsync(IList{IBatchContainer})"/>.
/// With batched delivery that call also held the failed message's batch-mates; the receiver puts them back into the
/// queue (the failure handler has already dead-lettered the call's first message).
/// </summary>
internal sealed class SqliteQueueCache(int cacheSize, ILogger logger, Action<IReadOnlyList<long>> dropped)
    : SimpleQueueCache(cacheSize, logger)
{
    // Row ids in the order the cache holds them, oldest first: the base cache purges from its oldest end.
    private readonly Queue<long> _held = new();

    /// <inheritdoc />
    public override void AddToCache(IList<IBatchContainer> msgs)
    {
        ArgumentNullException.ThrowIfNull(msgs);
        foreach (var message in msgs)
        {
            // One at a time, so that a full cache (an exception) leaves _held equal to what the cache holds.
            base.AddToCache([message]);
            _held.Enqueue(message.SequenceToken.SequenceNumber);
        }
    }

    /// <inheritdoc />
    public override bool TryPurgeFromCache(out IList<IBatchContainer> purgedItems)
    {
        var before = Size;
        if (!base.TryPurgeFromCache(out purgedItems!))
        {
            return false;
        }

        var drained = before - Size;
        if (drained == purgedItems.Count)
        {
            for (var i = 0; i < drained; i++)
            {
                _held.Dequeue();
            }

            return true;
        }

        var delivered = new HashSet<long>(purgedItems.Count);
        foreach (var item in purgedItems)
        {
            delivered.Add(item.SequenceToken.SequenceNumber);
        }

        var failed = new List<long>();
        for (var i = 0; i < drained; i++)
        {
            var id = _held.Dequeue();
            if (!delivered.Contains(id))
            {
                failed.Add(id);
            }
        }

        dropped(failed);
        return true;
    }
}
