namespace JobHome.Cluster.TestGrains;

/// <summary>
/// The slots a tally grain has applied, in ascending order, and its count of distinct events, read in one turn so that
/// the two agree even while further deliveries are being applied.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("jobhome.test.tally-slots")]
public sealed record TallySlots(
    [property: Id(0)] long Count,
    [property: Id(1)] long[] Slots);
