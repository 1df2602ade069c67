namespace JobHome.Cluster.TestGrains;

/// <summary>Publishes batches of tally events on their streams; returns once the stream provider accepted them.</summary>
[Alias("jobhome.test.IIngestGrain")]
public interface IIngestGrain : IGrainWithIntegerKey
{
    /// <summary>Publishes <paramref name="events"/> on stream <c>id % streams</c> each, one batch per stream.</summary>
    Task PublishAsync(TallyEvent[] events, int streams);

    /// <summary>Publishes one event on a stream nobody consumes: proves the stream provider accepts writes.</summary>
    Task ProbeAsync();
}
