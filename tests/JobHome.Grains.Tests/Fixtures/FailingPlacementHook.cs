using System.Collections.Concurrent;
using JobHome.Grains.Placements;

namespace JobHome.Grains.Tests.Fixtures;

/// <summary>Throws once a chosen placement has stored a chosen step: a crash between steps, in process.</summary>
public sealed class FailingPlacementHook : IPlacementStepHook
{
    private readonly ConcurrentDictionary<string, PlacementStep> _failAfter = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes <paramref name="placementId"/> fail right after storing <paramref name="step"/>, every time until
    /// <see cref="Clear"/>.
    /// </summary>
    public void FailAfter(string placementId, PlacementStep step) => _failAfter[placementId] = step;

    /// <summary>Stops failing <paramref name="placementId"/>.</summary>
    public void Clear(string placementId) => _failAfter.TryRemove(placementId, out _);

    /// <inheritdoc />
    public void AfterStep(string placementId, PlacementStep step)
    {
        if (_failAfter.TryGetValue(placementId, out var failing) && failing == step)
        {
            throw new InvalidOperationException($"Injected crash after step {step}.");
        }
    }
}
