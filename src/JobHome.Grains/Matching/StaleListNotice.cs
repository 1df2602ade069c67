namespace JobHome.Grains.Matching;

/// <summary>
/// A coalesced stale notice to a seeker (<see cref="ISeekerMatchingGrain.PostListStaleInAsync"/>): which partitions'
/// parts of its stored list changed, and since when the first of the changes waited.
/// </summary>
/// <param name="Partitions">The partitions whose parts to refresh; null when every reached partition must be asked (a new post).</param>
/// <param name="Since">When the first change of the window was queued (UTC, the sending silo's clock).</param>
[GenerateSerializer, Immutable, Alias("jobhome.stale-list-notice")]
public sealed record StaleListNotice(
    [property: Id(0)] string[]? Partitions,
    [property: Id(1)] DateTimeOffset Since);
