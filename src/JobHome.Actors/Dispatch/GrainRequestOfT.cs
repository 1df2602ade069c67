using System.ComponentModel;

namespace JobHome.Actors.Dispatch;

/// <summary>A request for a grain method returning <see cref="Task{TResult}"/>.</summary>
/// <typeparam name="TResult">The method's result.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest<TResult> : GrainRequestBase
{
    private TaskCompletionSource<TResult>? _promise;

    /// <summary>Calls the method on the grain object.</summary>
    public abstract Task<TResult> Invoke(object grain);

    internal override Task InvokeUntyped(object grain) => Invoke(grain);

    internal override Task CreatePromise()
    {
        _promise = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        HasPromise = true;
        return _promise.Task;
    }

    internal override void CompletePromise(Task finished)
    {
        StopTimeout();
        var typed = (Task<TResult>)finished;
        if (typed.IsCompletedSuccessfully)
        {
            _promise!.TrySetResult(typed.Result);
        }
        else if (typed.IsCanceled)
        {
            _promise!.TrySetCanceled();
        }
        else
        {
            _promise!.TrySetException(typed.Exception!.InnerExceptions);
        }
    }

    internal override void FailPromise(Exception exception)
    {
        StopTimeout();
        _promise?.TrySetException(exception);
    }
}
