using Orleans;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace JobHome.Storage.Tests.Sqlite.Grains;

[ImplicitStreamSubscription(Namespace)]
public sealed class ConsumerGrain([PersistentState("consumer")] IPersistentState<ConsumerState> state)
    : Grain, IConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<TestEvent>
{
    public const string Namespace = "jobhome-tests";

    public Task<ConsumerState> GetAsync() => Task.FromResult(state.State);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<TestEvent>().ResumeAsync(this);

    public async Task OnNextAsync(TestEvent item, StreamSequenceToken? token = null)
    {
        var probe = TestSignals.Stream(this.GetPrimaryKeyString());
        var position = token ?? throw new InvalidOperationException("the SQLite provider always passes a token");
        if (position.SequenceNumber < state.State.LastSequence
            || (position.SequenceNumber == state.State.LastSequence && position.EventIndex <= state.State.LastIndex))
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
        state.State.LastSequence = position.SequenceNumber;
        state.State.LastIndex = position.EventIndex;
        await state.WriteStateAsync();
        probe.Applied(state.State.Count);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
