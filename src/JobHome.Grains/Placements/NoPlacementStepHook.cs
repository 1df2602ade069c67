namespace JobHome.Grains.Placements;

/// <summary>The production hook: does nothing.</summary>
public sealed class NoPlacementStepHook : IPlacementStepHook
{
    /// <inheritdoc />
    public void AfterStep(string placementId, PlacementStep step)
    {
    }
}
