using JobHome.Actors.Diagnostics;

namespace JobHome.Actors.Activation;

/// <summary>First turn of every activation: create the grain, read its persistent states, run OnActivateAsync.</summary>
internal sealed class ActivateRequest : SystemRequest
{
    public override string MethodName => "Activate";

    internal override async Task InvokeOn(ActivationData activation)
    {
        var runtime = activation.Runtime;
        try
        {
            var grain = activation.CreateGrain();
            foreach (var state in activation.States)
            {
                await state.ReadStateAsync(runtime.Stopping).ConfigureAwait(true);
            }

            if (grain is Grain g)
            {
                await g.OnActivateAsync(runtime.Stopping).ConfigureAwait(true);
            }

            activation.MarkValid();
            runtime.Metrics.ActivationCreated();
            ActorsLog.Activated(runtime.Logger, activation.ToString());
        }
#pragma warning disable CA1031 // Activation failure is handed to every waiting caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ActorsLog.ActivationFailed(runtime.Logger, ex, activation.ToString());
            activation.DisposeTimers();
            var held = activation.MarkInvalid();
            runtime.RemoveActivation(activation);
            activation.CompleteDeactivation();
            foreach (var request in held)
            {
                request.FailPromise(ex);
            }
        }
    }
}
