using Orleans;

namespace JobHome.Storage.SqliteHost;

/// <summary>Publishes numbered events to one stream.</summary>
[Alias("jobhome.kill.producer")]
public interface IKillProducerGrain : IGrainWithStringKey
{
    /// <summary>Publishes events <paramref name="first"/> … first+count−1 in one <c>OnNextBatchAsync</c>.</summary>
    [Alias("publish")]
    Task PublishAsync(string streamKey, int first, int count);
}
