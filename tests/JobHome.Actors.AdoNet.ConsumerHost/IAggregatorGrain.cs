namespace JobHome.Actors.AdoNet.ConsumerHost;

/// <summary>Sums the numbered events of one stream (its key) of <see cref="AggregatorGrain.Namespace"/>.</summary>
public interface IAggregatorGrain : IGrainWithStringKey
{
    Task<long> GetCountAsync();
}
