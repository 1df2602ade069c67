using Orleans.Concurrency;

namespace JobHome.Grains.Placements;

/// <summary>A placement (就业安置), keyed by a placement id the caller chooses: the id makes it idempotent.</summary>
[Alias("jobhome.IPlacementGrain")]
public interface IPlacementGrain : IGrainWithStringKey
{
    /// <summary>
    /// Places the seeker in the post: refused (conflict naming the rule) when the post is full or closed, the seeker
    /// already employed, or a legal rule forbids it; repeating the same request returns the same outcome.
    /// </summary>
    [Alias("Place")]
    Task<CommandResult> PlaceAsync(PlacementRequest request);

    /// <summary><see cref="PlaceAsync"/> and, when it succeeded, the placement as <see cref="GetAsync"/> then answers.</summary>
    [Alias("PlaceAndGet")]
    Task<CommandAnswer<PlacementView>> PlaceAndGetAsync(PlacementRequest request);

    /// <summary>Ends the placement: the seeker is unemployed from the end date (the post's opening is not given back).</summary>
    [Alias("End")]
    Task<CommandResult> EndAsync(PlacementEnd end);

    /// <summary><see cref="EndAsync"/> and, when it succeeded, the placement as <see cref="GetAsync"/> then answers (one call).</summary>
    [Alias("EndAndGet")]
    Task<CommandAnswer<PlacementView>> EndAndGetAsync(PlacementEnd end);

    /// <summary>
    /// Finishes a placing or ending cut off by a crash, from its last stored step (what the ledger's sweep asks); true when
    /// nothing is left pending (finished now or before, refused, or never requested).
    /// </summary>
    [Alias("FinishPending")]
    Task<bool> FinishPendingAsync();

    /// <summary>The placement, or null when never requested.</summary>
    [ReadOnly, Alias("Get")]
    Task<PlacementView?> GetAsync();
}
