namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Reports every event of its explicit subscriptions to <see cref="TestProbe"/> under the stream key.</summary>
public sealed class ExplicitSubscriberGrain : Grain, IExplicitSubscriberGrain
{
    /// <summary>The stream namespace used for explicit subscriptions (no implicit subscriber listens to it).</summary>
    public const string Namespace = "jobhome-guarantees-explicit";

    /// <inheritdoc />
    public async Task SubscribeAsync(Guid streamKey)
    {
        var stream = this.GetStreamProvider(StorageNames.Streams).GetStream<int>(StreamId.Create(Namespace, streamKey));
        await stream.SubscribeAsync((item, _) =>
        {
            TestProbe.Report(streamKey.ToString("N"), item);
            return Task.CompletedTask;
        });
    }
}
