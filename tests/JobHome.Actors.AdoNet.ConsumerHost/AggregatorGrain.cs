using JobHome.Actors.Storage;
using JobHome.Actors.Streams;

namespace JobHome.Actors.AdoNet.ConsumerHost;

/// <summary>
/// Implicit consumer of <see cref="Namespace"/>: applies each event once (sequence numbers drop redeliveries) and writes
/// the sequence and the aggregate together in one state write before the delivery completes, so a kill at any point
/// either loses the whole application (and the event is redelivered) or keeps it (and the redelivery is dropped).
/// </summary>
[GrainTypeName(GrainType)]
[ImplicitStreamSubscription(Namespace)]
public sealed class AggregatorGrain([PersistentState(AggregatorGrain.StateName)] IPersistentState<AggregatorState> state)
    : Grain, IAggregatorGrain, IStreamConsumer<NumberedEvent>
{
    public const string Namespace = "numbered-events";
    public const string GrainType = "aggregator";
    public const string StateName = "aggregate";

    public async Task OnNextAsync(NumberedEvent item, StreamSequenceToken token)
    {
        if (item.Value < 0)
        {
            throw new InvalidOperationException($"poison event {item.Value}");
        }

        var s = state.State;
        if (token.SequenceNumber <= s.LastSequence)
        {
            return;
        }

        if (item.Index / 8 >= s.Seen.Length)
        {
            var grown = new byte[Math.Max(s.Seen.Length * 2, (item.Index / 8) + 1)];
            s.Seen.CopyTo(grown, 0);
            s.Seen = grown;
        }

        if (s.IsSeen(item.Index))
        {
            s.AppliedTwice++;
        }

        s.Seen[item.Index / 8] |= (byte)(1 << (item.Index % 8));
        s.LastSequence = token.SequenceNumber;
        s.Count++;
        s.Sum += item.Value;
        await state.WriteStateAsync();
    }

    public Task<long> GetCountAsync() => Task.FromResult(state.State.Count);
}
