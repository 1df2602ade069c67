namespace JobHome.Cluster.TestGrains;

/// <summary>A persistent counter; answers with the silo it is active on.</summary>
[Alias("jobhome.test.ICounterGrain")]
public interface ICounterGrain : IGrainWithIntegerKey
{
    /// <summary>Adds one, persists, and returns (new value, silo identity).</summary>
    Task<CounterReply> IncrementAsync();
}
