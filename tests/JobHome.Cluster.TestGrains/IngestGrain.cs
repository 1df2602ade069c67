using JobHome.Storage;
using Orleans.Concurrency;

namespace JobHome.Cluster.TestGrains;

/// <summary>Local publisher (one per silo core): callers reach the silo they are connected to.</summary>
[StatelessWorker]
public sealed class IngestGrain : Grain, IIngestGrain
{
    /// <inheritdoc />
    public async Task PublishAsync(TallyEvent[] events, int streams)
    {
        var provider = this.GetStreamProvider(StorageNames.Streams);
        var tasks = new List<Task>();
        foreach (var group in events.GroupBy(e => (int)(e.Id % streams)))
        {
            var stream = provider.GetStream<TallyEvent>(StreamId.Create(TallyNames.Namespace, TallyNames.StreamKey(group.Key)));
            tasks.Add(stream.OnNextBatchAsync(group.ToList()));
        }

        await Task.WhenAll(tasks);
    }

    /// <inheritdoc />
    public Task ProbeAsync() =>
        this.GetStreamProvider(StorageNames.Streams)
            .GetStream<TallyEvent>(StreamId.Create("probe", "probe"))
            .OnNextAsync(new TallyEvent(0, 0));
}
