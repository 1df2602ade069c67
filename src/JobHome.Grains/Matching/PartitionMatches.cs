namespace JobHome.Grains.Matching;

/// <summary>A partition's exact top-k for one query, with the partition's version; items are null when unchanged.</summary>
/// <param name="Version">The partition's version the answer is exact for.</param>
/// <param name="Items">The seeker's part of its list; null when <paramref name="Version"/> equals the known one.</param>
/// <param name="Floor">
/// The lowest linear score among the candidates the part was chosen from when they were as many as the partition draws
/// (so a new post scoring below it cannot change the part); <see cref="double.NegativeInfinity"/> when there were fewer
/// (any eligible new post may enter) or the items are null.
/// </param>
[GenerateSerializer, Immutable, Alias("jobhome.partition-matches")]
public sealed record PartitionMatches(
    [property: Id(0)] long Version,
    [property: Id(1)] MatchItem[]? Items,
    [property: Id(2)] double Floor = double.NegativeInfinity);
