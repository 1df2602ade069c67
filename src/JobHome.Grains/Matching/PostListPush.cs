namespace JobHome.Grains.Matching;

/// <summary>
/// A partition's recomputed part of one seeker activation's stored post list (<see cref="ISeekerMatchingGrain.PostListPushedAsync"/>),
/// sent when a change there moved the part. The seeker takes it only if it is the activation named by
/// <paramref name="Activation"/>, holds a part of <paramref name="Partition"/> for the same day, and the part's version is
/// newer than the one it holds (a read's answer computed later is never replaced by an older push).
/// </summary>
/// <param name="Partition">The partition's key.</param>
/// <param name="Activation">The token of the seeker activation the part was computed for (<see cref="PostListCache.Activation"/>).</param>
/// <param name="AsOf">The day of the query the part answers.</param>
/// <param name="Part">
/// The part with the partition's version, floor and explanation stamp; <see cref="PartitionMatches.Reused"/> marks the items
/// whose linear factors the activation holds already (the partition remembers which ids it sent it last).
/// </param>
/// <param name="Since">When the first change that made the part dirty reached the partition (its clock).</param>
[GenerateSerializer, Immutable, Alias("jobhome.post-list-push")]
public sealed record PostListPush(
    [property: Id(0)] string Partition,
    [property: Id(1)] Guid Activation,
    [property: Id(2)] DateOnly AsOf,
    [property: Id(3)] PartitionMatches Part,
    [property: Id(4)] DateTimeOffset Since);
