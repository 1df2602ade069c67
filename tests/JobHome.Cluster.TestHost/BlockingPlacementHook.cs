using JobHome.Grains.Placements;

namespace JobHome.Cluster.TestHost;

/// <summary>
/// Blocks one placement after one stored step: prints <c>BLOCKED placementId Step</c> (the test waits for that line and
/// then kills the process with SIGKILL) and never returns. It holds one scheduler thread until the kill, which is what a
/// kill between two steps needs; nothing else runs in that placement's turn.
/// </summary>
public sealed class BlockingPlacementHook : IPlacementStepHook
{
    private readonly string _placementId;
    private readonly PlacementStep _step;

    /// <summary>Blocks <paramref name="placementId"/> after <paramref name="step"/>.</summary>
    public BlockingPlacementHook(string placementId, PlacementStep step)
    {
        _placementId = placementId;
        _step = step;
    }

    /// <summary>Parses <c>placementId:Step</c>.</summary>
    public static BlockingPlacementHook Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !Enum.TryParse<PlacementStep>(value[(colon + 1)..], out var step))
        {
            throw new ArgumentException($"--block-after wants placementId:Step, got '{value}'.", nameof(value));
        }
        return new BlockingPlacementHook(value[..colon], step);
    }

    /// <inheritdoc />
    public void AfterStep(string placementId, PlacementStep step)
    {
        if (step != _step || !string.Equals(placementId, _placementId, StringComparison.Ordinal))
        {
            return;
        }
        Console.WriteLine($"BLOCKED {placementId} {step}");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
