using Orleans.Streams;
using Orleans.Streams.Core;

namespace JobHome.Cluster.TestGrains;

/// <summary>
/// Applies each tally event once: the seen-bitmap and the aggregate are written in one state write before the
/// delivery is acknowledged, so a redelivery after a kill finds the id already applied.
/// </summary>
[ImplicitStreamSubscription(TallyNames.Namespace)]
public sealed class TallyGrain([PersistentState("tally")] IPersistentState<TallyState> state)
    : Grain, ITallyGrain, IStreamSubscriptionObserver, IAsyncObserver<TallyEvent>
{
    private long _poisonAttempts;

    /// <inheritdoc />
    public Task<TallySnapshot> GetAsync() =>
        Task.FromResult(new TallySnapshot(state.State.Count, state.State.Sum, state.State.Duplicates, _poisonAttempts, RuntimeIdentity));

    /// <inheritdoc />
    public Task<TallySlots> GetSlotsAsync()
    {
        var seen = state.State.Seen;
        var ids = new List<long>();
        for (var i = 0L; i < seen.LongLength * 8; i++)
        {
            if ((seen[i >> 3] & (1 << (int)(i & 7))) != 0)
            {
                ids.Add(i);
            }
        }

        return Task.FromResult(new TallySlots(state.State.Count, ids.ToArray()));
    }

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<TallyEvent>().ResumeAsync(this);

    /// <inheritdoc />
    public async Task OnNextAsync(TallyEvent item, StreamSequenceToken? token = null)
    {
        if (item.Poison)
        {
            _poisonAttempts++;
            throw new InvalidOperationException($"Poison event {item.Id} refused.");
        }

        var seen = state.State.Seen;
        var index = item.Slot >> 3;
        if (index >= seen.LongLength)
        {
            Array.Resize(ref seen, (int)Math.Max(index + 1, seen.LongLength * 2));
            state.State.Seen = seen;
        }

        var mask = (byte)(1 << (int)(item.Slot & 7));
        if ((seen[index] & mask) != 0)
        {
            state.State.Duplicates++;
            return;
        }

        seen[index] |= mask;
        state.State.Count++;
        state.State.Sum += item.Id;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
