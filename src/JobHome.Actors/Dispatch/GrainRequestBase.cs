using System.ComponentModel;
using JobHome.Actors.Activation;

namespace JobHome.Actors.Dispatch;

/// <summary>
/// A call to a grain as a message: the proxy generator emits one sealed subclass per grain method, with the arguments
/// as public properties (serialisable, so a network transport can carry it). While the request runs it is also the
/// synchronization context of its turn: continuations after awaits come back to the activation's single-threaded queue,
/// and calls made by the grain know their caller, which is how call-chain deadlocks are detected.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequestBase : SynchronizationContext
{
    private ResponseTimeouts? _timeouts;

    /// <summary>Creates a request.</summary>
    protected GrainRequestBase()
    {
    }

    /// <summary>Full name of the grain interface declaring the method.</summary>
    public abstract string InterfaceName { get; }

    /// <summary>The method's name.</summary>
    public abstract string MethodName { get; }

    /// <summary>True when the method is marked <see cref="AlwaysInterleaveAttribute"/>.</summary>
    public virtual bool IsAlwaysInterleave => false;

    /// <summary>Activation and deactivation: exclusive, allowed before the grain is valid.</summary>
    internal virtual bool IsSystem => false;

    /// <summary>False for timer ticks, which do not keep an activation from being collected.</summary>
    internal virtual bool KeepsAlive => true;

    internal ActivationData? Target { get; set; }

    internal GrainRequestBase? Caller { get; set; }

    internal bool Done { get; set; }

    internal bool HasPromise { get; private protected set; }

    internal long StartedAt { get; set; }

    internal long Deadline { get; set; }

    internal GrainRequestBase? TimeoutPrevious { get; set; }

    internal GrainRequestBase? TimeoutNext { get; set; }

    internal bool TimeoutListed { get; set; }

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        var target = Target;
        if (target is null)
        {
            ThreadPool.QueueUserWorkItem(static s => s.d(s.state), (d, state), preferLocal: false);
            return;
        }

        target.EnqueueContinuation(d, state, this);
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send is not supported inside a grain turn.");

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;

    /// <inheritdoc />
    public override string ToString() => $"{InterfaceName}.{MethodName} on {Target?.ToString() ?? "(unbound)"}";

    internal virtual Task InvokeOn(ActivationData activation) => InvokeUntyped(activation.Grain!);

    internal abstract Task InvokeUntyped(object grain);

    internal abstract Task CreatePromise();

    internal abstract void CompletePromise(Task finished);

    internal abstract void FailPromise(Exception exception);

    internal void StartTimeout(ResponseTimeouts timeouts)
    {
        _timeouts = timeouts;
        timeouts.Add(this);
    }

    internal void StopTimeout() => _timeouts?.Remove(this);
}
