using Orleans;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>
/// Applies each event id once (the ids applied are written with the aggregate), so rows delivered again under new tokens
/// — put back into the queue after a given-up delivery — are dropped as duplicates. Reports to its stream's probe; can be
/// held inside a delivery (<see cref="StreamProbe.HoldAt"/>) and throws on poison.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class NumberedConsumerGrain([PersistentState("numbered")] IPersistentState<NumberedConsumerState> state)
    : Grain, INumberedConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<TestEvent>
{
    public const string Namespace = "jobhome-tests-numbered";

    public Task<NumberedConsumerState> GetAsync() => Task.FromResult(state.State);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<TestEvent>().ResumeAsync(this);

    public async Task OnNextAsync(TestEvent item, StreamSequenceToken? token = null)
    {
        var probe = TestSignals.Stream(this.GetPrimaryKeyString());
        if (state.State.Applied.Contains(item.Id))
        {
            probe.Duplicate();
            return;
        }

        await probe.WaitIfHeldAsync(item.Id);
        if (item.Poison)
        {
            probe.Poisoned();
            throw new InvalidOperationException($"poison event {item.Id}");
        }

        state.State.Count++;
        state.State.Sum += item.Value;
        state.State.Applied.Add(item.Id);
        await state.WriteStateAsync();
        probe.Applied(state.State.Count);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
