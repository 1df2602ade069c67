using JobHome.Actors.Streams;

namespace JobHome.Actors.Tests.Grains;

/// <summary>Keeps values in order and drops repeats by sequence number.</summary>
[ImplicitStreamSubscription(SiteFeedGrain.Namespace)]
public sealed class SiteFeedGrain(GrainProbe probe) : Grain, ISiteFeedGrain, IStreamConsumer<SiteEvent>
{
    public const string Namespace = "site-events";

    private readonly List<int> _values = [];
    private readonly HashSet<long> _failedOnce = [];
    private long _lastSequence;
    private int _duplicates;

    public Task OnNextAsync(SiteEvent item, StreamSequenceToken token)
    {
        if (item.Poison)
        {
            probe.Increment("poison-attempts");
            throw new FormatException($"poison {item.Value}");
        }

        if (token.SequenceNumber <= _lastSequence)
        {
            _duplicates++;
            probe.Increment("duplicates");
            return Task.CompletedTask;
        }

        _lastSequence = token.SequenceNumber;
        _values.Add(item.Value);
        var key = this.GetPrimaryKeyString();
        probe.Set($"feed-{key}-{item.Value}");
        if (item.FailOnceAfterHandling && _failedOnce.Add(token.SequenceNumber))
        {
            // Handled, but the delivery "fails" afterwards (as if the ack were lost): the agent re-delivers.
            throw new TimeoutException("lost ack");
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<int>> GetValuesAsync() => Task.FromResult<IReadOnlyList<int>>([.. _values]);

    public Task<int> GetDuplicatesAsync() => Task.FromResult(_duplicates);
}
