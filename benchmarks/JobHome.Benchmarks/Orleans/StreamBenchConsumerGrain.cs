using Orleans;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace JobHome.Benchmarks.Orleans;

/// <summary>Applies each delivered batch once (token check) and writes aggregate and token in one state write.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class StreamBenchConsumerGrain([PersistentState("consumer")] IPersistentState<StreamBenchState> state)
    : Grain, IStreamBenchConsumerGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<long>
{
    /// <summary>The stream namespace the consumer subscribes to.</summary>
    public const string Namespace = "jobhome-bench";

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<long>().ResumeAsync(this);

    /// <inheritdoc />
    public async Task OnNextAsync(IList<SequentialItem<long>> items)
    {
        var applied = 0;
        foreach (var item in items)
        {
            var token = item.Token;
            if (token.SequenceNumber < state.State.LastSequence
                || (token.SequenceNumber == state.State.LastSequence && token.EventIndex <= state.State.LastIndex))
            {
                continue;
            }

            state.State.Count++;
            state.State.Sum += item.Item;
            state.State.LastSequence = token.SequenceNumber;
            state.State.LastIndex = token.EventIndex;
            applied++;
        }

        if (applied > 0)
        {
            await state.WriteStateAsync();
            StreamBenchSignal.Applied(applied);
        }
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
