namespace JobHome.Grains.Matching;

/// <summary>A partition's exact top-k for one query, with the partition's version; items are null when unchanged.</summary>
/// <param name="Version">The partition's version the answer is exact for.</param>
/// <param name="Items">The seeker's part of its list; null when <paramref name="Version"/> equals the known one.</param>
/// <param name="Floor">
/// A score below which a post that is not among the items cannot change them (<c>RankingIndex.TopPostItems</c>: the
/// k-th score of a full plain list, the lowest key of a full aware list whose candidates did not fill their depth);
/// <see cref="double.NegativeInfinity"/> otherwise (any eligible new post may change the part) or when the items are null.
/// </param>
/// <param name="Reused">
/// Per item (<c>RefreshPostsAsync</c> only): true when the item carries only its leading factors (an aware list's congestion
/// reason, or none) and its linear factors are those of the seeker's held item of the same id; null when every item is
/// explained in full.
/// </param>
/// <param name="Stamp">The partition's explanation stamp of the answer, to send back as the held part's stamp.</param>
[GenerateSerializer, Immutable, Alias("jobhome.partition-matches")]
public sealed record PartitionMatches(
    [property: Id(0)] long Version,
    [property: Id(1)] MatchItem[]? Items,
    [property: Id(2)] double Floor = double.NegativeInfinity,
    [property: Id(3)] bool[]? Reused = null,
    [property: Id(4)] long Stamp = 0);
