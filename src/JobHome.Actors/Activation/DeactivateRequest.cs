using JobHome.Actors.Diagnostics;

namespace JobHome.Actors.Activation;

/// <summary>Last turn of an activation: stop timers, run OnDeactivateAsync, leave the directory, forward held calls.</summary>
internal sealed class DeactivateRequest(DeactivationReason reason) : SystemRequest
{
    public override string MethodName => "Deactivate";

    internal override async Task InvokeOn(ActivationData activation)
    {
        var runtime = activation.Runtime;
        activation.DisposeTimers();
        try
        {
            if (activation.Grain is Grain g)
            {
                await g.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(true);
            }
        }
#pragma warning disable CA1031 // A failing OnDeactivateAsync must not keep the activation alive.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ActorsLog.DeactivationFailed(runtime.Logger, ex, activation.ToString());
        }

        var held = activation.MarkInvalid();
        runtime.RemoveActivation(activation);
        runtime.Metrics.ActivationRemoved();
        ActorsLog.Deactivated(runtime.Logger, activation.ToString(), reason);
        activation.CompleteDeactivation();
        foreach (var request in held)
        {
            runtime.Redispatch(request);
        }
    }
}
