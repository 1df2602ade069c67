namespace JobHome.Benchmarks.Orleans;

/// <summary>The same record marked <c>[Immutable]</c>: passed by reference on local calls.</summary>
[GenerateSerializer]
[Immutable]
[Alias("jobhome.bench.immutable-call-query")]
public sealed record ImmutableCallQuery([property: Id(0)] string SeekerId, [property: Id(1)] string PostId, [property: Id(2)] int Top);
