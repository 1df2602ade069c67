using System.ComponentModel;

namespace JobHome.Actors.Dispatch;

/// <summary>A request for a grain method returning <see cref="Task"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest : GrainRequestBase
{
    private TaskCompletionSource? _promise;

    /// <summary>Calls the method on the grain object.</summary>
    public abstract Task Invoke(object grain);

    internal override Task InvokeUntyped(object grain) => Invoke(grain);

    internal override Task CreatePromise()
    {
        _promise = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HasPromise = true;
        return _promise.Task;
    }

    internal override void CompletePromise(Task finished)
    {
        StopTimeout();
        if (finished.IsCompletedSuccessfully)
        {
            _promise!.TrySetResult();
        }
        else if (finished.IsCanceled)
        {
            _promise!.TrySetCanceled();
        }
        else
        {
            _promise!.TrySetException(finished.Exception!.InnerExceptions);
        }
    }

    internal override void FailPromise(Exception exception)
    {
        StopTimeout();
        _promise?.TrySetException(exception);
    }
}
