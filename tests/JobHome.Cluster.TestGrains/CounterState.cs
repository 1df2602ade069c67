namespace JobHome.Cluster.TestGrains;

/// <summary>Persisted counter value.</summary>
[GenerateSerializer]
[Alias("jobhome.test.counter-state")]
public sealed class CounterState
{
    /// <summary>The value.</summary>
    [Id(0)]
    public long Value { get; set; }
}
