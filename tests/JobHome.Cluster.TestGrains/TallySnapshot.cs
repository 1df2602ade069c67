namespace JobHome.Cluster.TestGrains;

/// <summary>What a tally grain has applied: distinct events, duplicates dropped, poison deliveries refused.</summary>
[GenerateSerializer]
[Immutable]
[Alias("jobhome.test.tally-snapshot")]
public sealed record TallySnapshot(
    [property: Id(0)] long Count,
    [property: Id(1)] long Sum,
    [property: Id(2)] long Duplicates,
    [property: Id(3)] long PoisonAttempts,
    [property: Id(4)] string Silo);
