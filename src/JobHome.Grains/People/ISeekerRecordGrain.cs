using Orleans.Concurrency;

namespace JobHome.Grains.People;

/// <summary>
/// The steps placements and households take on a seeker's record (same grain as <see cref="ISeekerGrain"/>); each is
/// idempotent.
/// </summary>
[Alias("jobhome.ISeekerRecordGrain")]
public interface ISeekerRecordGrain : IGrainWithStringKey
{
    /// <summary>Status, effective key groups and household, or null when not registered.</summary>
    [ReadOnly, Alias("GetFacts")]
    Task<SeekerFacts?> GetFactsAsync();

    /// <summary>
    /// The registering site, or null when not registered: what the API's access check and audit need of a seeker named
    /// in a request, without the view's copies and the household's key-group call of <see cref="ISeekerGrain.GetAsync"/>.
    /// </summary>
    [ReadOnly, Alias("GetSiteCode")]
    Task<string?> GetSiteCodeAsync();

    /// <summary>
    /// Records placement <paramref name="placementId"/>: employed from <paramref name="start"/>; refused when already
    /// employed.
    /// </summary>
    [Alias("Place")]
    Task<SeekerStepResult> PlaceAsync(string placementId, string postId, DateOnly start);

    /// <summary>
    /// As <see cref="PlaceAsync(string, string, DateOnly)"/>, with the post's occupation and kind (for the placement
    /// history) supplied by the caller, which has read the post already: one call less per placement.
    /// </summary>
    [Alias("PlaceWithWork")]
    Task<SeekerStepResult> PlaceAsync(string placementId, string postId, DateOnly start, string? occupation,
        Domain.Work.WorkKind? kind);

    /// <summary>Ends placement <paramref name="placementId"/>: unemployed from <paramref name="end"/>.</summary>
    [Alias("EndPlacement")]
    Task<SeekerStepResult> EndPlacementAsync(string placementId, DateOnly end, Domain.Posts.PlacementEndReason reason);

    /// <summary>Joins household <paramref name="householdId"/> (refused when in another one) and returns the current status.</summary>
    [Alias("JoinHousehold")]
    Task<SeekerStepResult> JoinHouseholdAsync(string householdId);
}
