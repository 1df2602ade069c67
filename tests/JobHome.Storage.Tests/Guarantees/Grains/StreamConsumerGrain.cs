using Orleans.Streams.Core;

namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Subscribed implicitly to <see cref="Namespace"/>; reports every event to <see cref="TestProbe"/> under its stream key.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class StreamConsumerGrain : Grain, IStreamConsumerGrain, IStreamSubscriptionObserver
{
    /// <summary>The stream namespace the consumer is subscribed to.</summary>
    public const string Namespace = "jobhome-guarantees";

    private readonly HashSet<int> _seen = [];

    /// <inheritdoc />
    public Task<int> CountAsync() => Task.FromResult(_seen.Count);

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var handle = handleFactory.Create<int>();
        await handle.ResumeAsync((item, _) =>
        {
            // Delivery is at least once: duplicates are counted once.
            _seen.Add(item);
            TestProbe.Report(this.GetPrimaryKey().ToString("N"), item);
            return Task.CompletedTask;
        });
    }
}
