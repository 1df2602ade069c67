using Orleans.Runtime;

namespace JobHome.Silo.Health;

/// <summary>
/// Follows the silo's lifecycle: active from the moment the silo reaches <see cref="ServiceLifecycleStage.Active"/> (it has
/// joined the cluster and serves grains) until it starts to stop.
/// </summary>
internal sealed class SiloActivityTracker : ILifecycleParticipant<ISiloLifecycle>
{
    private volatile bool _active;

    /// <summary>Whether the silo is active in the cluster now.</summary>
    public bool IsActive => _active;

    /// <summary>Raised once when the silo becomes active.</summary>
    public event Action? BecameActive;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(SiloActivityTracker), ServiceLifecycleStage.Active, OnStart, OnStop);
    }

    private Task OnStart(CancellationToken cancellationToken)
    {
        _active = true;
        BecameActive?.Invoke();
        return Task.CompletedTask;
    }

    private Task OnStop(CancellationToken cancellationToken)
    {
        // Stages stop in reverse order, so this runs first: readiness drops before grains deactivate.
        _active = false;
        return Task.CompletedTask;
    }
}
