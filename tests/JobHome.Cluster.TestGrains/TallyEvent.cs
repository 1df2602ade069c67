namespace JobHome.Cluster.TestGrains;

/// <summary>
/// One uniquely numbered event; <paramref name="Slot"/> is its index within its stream (the bit the consumer marks). A
/// poison event makes its consumer throw every time.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("jobhome.test.tally-event")]
public sealed record TallyEvent([property: Id(0)] long Id, [property: Id(1)] long Slot, [property: Id(2)] bool Poison = false);
