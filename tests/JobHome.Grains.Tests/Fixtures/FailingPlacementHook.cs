using System.Collections.Concurrent;
using JobHome.Grains.Placements;

namespace JobHome.Grains.Tests.Fixtures;

/// <summary>
/// Throws once a chosen placement has stored a chosen step (a crash between steps, in process), or holds it there until
/// released (a placement busy mid-way, so calls queued behind it wait).
/// </summary>
public sealed class FailingPlacementHook : IPlacementStepHook
{
    private readonly ConcurrentDictionary<string, PlacementStep> _failAfter = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (PlacementStep Step, TaskCompletionSource Reached, ManualResetEventSlim Release)>
        _holdAfter = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes <paramref name="placementId"/> fail right after storing <paramref name="step"/>, every time until
    /// <see cref="Clear"/>.
    /// </summary>
    public void FailAfter(string placementId, PlacementStep step) => _failAfter[placementId] = step;

    /// <summary>Stops failing <paramref name="placementId"/>.</summary>
    public void Clear(string placementId) => _failAfter.TryRemove(placementId, out _);

    /// <summary>
    /// Holds <paramref name="placementId"/> right after storing <paramref name="step"/> (blocking its turn) until the returned
    /// release runs; the task completes when it is held.
    /// </summary>
    public (Task Reached, Action Release) HoldAfter(string placementId, PlacementStep step)
    {
        var hold = (step, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new ManualResetEventSlim());
        _holdAfter[placementId] = hold;
        return (hold.Item2.Task, () =>
        {
            _holdAfter.TryRemove(placementId, out _);
            hold.Item3.Set();
        });
    }

    /// <inheritdoc />
    public void AfterStep(string placementId, PlacementStep step)
    {
        if (_holdAfter.TryGetValue(placementId, out var hold) && hold.Step == step)
        {
            hold.Reached.TrySetResult();
            hold.Release.Wait(TimeSpan.FromMinutes(2));
        }
        if (_failAfter.TryGetValue(placementId, out var failing) && failing == step)
        {
            throw new InvalidOperationException($"Injected crash after step {step}.");
        }
    }
}
