namespace JobHome.Cluster.TestGrains;

/// <summary>The counter's value after an increment and the silo that served it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("jobhome.test.counter-reply")]
public sealed record CounterReply([property: Id(0)] long Value, [property: Id(1)] string Silo);
