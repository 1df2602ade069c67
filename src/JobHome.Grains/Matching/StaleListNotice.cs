namespace JobHome.Grains.Matching;

/// <summary>
/// A coalesced stale notice to a seeker (<see cref="ISeekerMatchingGrain.PostListStaleInAsync"/>): which partitions'
/// parts of its stored list changed, and since when the first of the changes waited.
/// </summary>
/// <param name="Partitions">The partitions whose parts to refresh; null when every reached partition must be asked (a new post).</param>
/// <param name="Since">When the first change of the window was queued (UTC, the sending silo's clock).</param>
/// <param name="Gains">
/// Per entry of <paramref name="Partitions"/> (same order), the best linear score of a new post there for this seeker when
/// only new posts named the partition (the seeker re-asks it only if that score can enter the part's candidates), or
/// <see cref="double.PositiveInfinity"/> when a post the seeker listed there changed (always re-asked); null = re-ask all.
/// </param>
[GenerateSerializer, Immutable, Alias("jobhome.stale-list-notice")]
public sealed record StaleListNotice(
    [property: Id(0)] string[]? Partitions,
    [property: Id(1)] DateTimeOffset Since,
    [property: Id(2)] double[]? Gains = null)
{
    /// <summary>The bar of <see cref="Gains"/> for a partition whose listed post changed: always re-asked.</summary>
    public const double MustAsk = double.PositiveInfinity;
}
