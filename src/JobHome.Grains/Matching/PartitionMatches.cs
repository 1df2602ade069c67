namespace JobHome.Grains.Matching;

/// <summary>A partition's exact top-k for one query, with the partition's version; items are null when unchanged.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.partition-matches")]
public sealed record PartitionMatches(
    [property: Id(0)] long Version,
    [property: Id(1)] MatchItem[]? Items);
