using JobHome.Actors.Activation;
using JobHome.Actors.Streams;
using JobHome.Actors.Timers;

namespace JobHome.Actors;

/// <summary>
/// Base class of grains. The runtime creates one instance per activation (constructor parameters come from DI, or are
/// persistent states marked with <see cref="Storage.PersistentStateAttribute"/>) and runs one turn at a time on it.
/// </summary>
public abstract class Grain : IGrain
{
    private readonly ActivationData? _activation;

    /// <summary>Creates the grain; the runtime supplies its identity while constructing it.</summary>
    protected Grain() => _activation = ActivationData.Constructing;

    /// <summary>The grain factory, for calls to other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.Runtime;

    internal string Key => Activation.Id.Key;

    internal ActivationData Activation => _activation ?? throw new InvalidOperationException("This grain was not created by the JobHome.Actors runtime.");

    /// <summary>Called before the first call is delivered (after persistent states are read).</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when the activation is collected, asked to deactivate or the silo stops; timers are already gone.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once its current requests have completed.</summary>
    protected void DeactivateOnIdle() => Activation.DeactivateOnIdle();

    /// <summary>
    /// Registers a timer that lives with this activation. Each tick runs as a turn of the grain; the next tick is
    /// scheduled <paramref name="period"/> after the previous one completed, so ticks never overlap.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>Registers or updates a durable reminder; the grain must implement <see cref="Reminders.IRemindable"/>.</summary>
    protected Task RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Activation.Runtime.Reminders.RegisterOrUpdateAsync(Activation, reminderName, dueTime, period);

    /// <summary>Removes a durable reminder of this grain.</summary>
    protected Task UnregisterReminder(string reminderName) =>
        Activation.Runtime.Reminders.UnregisterAsync(Activation, reminderName);

    /// <summary>The silo's stream provider.</summary>
    protected IStreamProvider GetStreamProvider() => Activation.Runtime.Streams;
}
