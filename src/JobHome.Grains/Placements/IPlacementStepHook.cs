namespace JobHome.Grains.Placements;

/// <summary>
/// Called after each placement step took effect (stored by the placement, or by the post or seeker it changed).
/// Production registers a no-op; crash tests register one that throws after a chosen step to prove the placement
/// completes exactly once on retry or reactivation.
/// </summary>
public interface IPlacementStepHook
{
    /// <summary>Runs after <paramref name="step"/> of <paramref name="placementId"/> took effect.</summary>
    void AfterStep(string placementId, PlacementStep step);
}
