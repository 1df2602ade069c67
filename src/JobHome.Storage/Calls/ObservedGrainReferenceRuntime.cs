using Orleans.CodeGeneration;
using Orleans.Runtime;
using Orleans.Serialization.Invocation;

namespace JobHome.Storage.Calls;

/// <summary>
/// Orleans' grain reference runtime with <see cref="IOutgoingCallObserver"/>s in front: each waited-for call is offered to
/// the observers; a call none of them chose goes straight to Orleans (its pooled path when no outgoing filter is
/// registered), a chosen one is awaited here and its outcome told to the observers that chose it.
/// </summary>
internal sealed class ObservedGrainReferenceRuntime(IGrainReferenceRuntime inner, IOutgoingCallObserver[] observers)
    : IGrainReferenceRuntime
{
    /// <inheritdoc />
    public ValueTask<T?> InvokeMethodAsync<T>(GrainReference reference, IInvokable request, InvokeMethodOptions options)
    {
        var states = Offer(reference, request, options);
        var call = inner.InvokeMethodAsync<T>(reference, request, options);
        return states is null ? call : Observe(call, states);
    }

    /// <inheritdoc />
    public ValueTask InvokeMethodAsync(GrainReference reference, IInvokable request, InvokeMethodOptions options)
    {
        var states = Offer(reference, request, options);
        var call = inner.InvokeMethodAsync(reference, request, options);
        return states is null ? call : Observe(call, states);
    }

    /// <inheritdoc />
    public void InvokeMethod(GrainReference reference, IInvokable request, InvokeMethodOptions options) =>
        inner.InvokeMethod(reference, request, options);

    /// <inheritdoc />
    public object Cast(IAddressable grain, Type interfaceType) => inner.Cast(grain, interfaceType);

    // The observers' states for this call, by observer; null when none chose it (the common case: nothing allocated).
    private object?[]? Offer(GrainReference reference, IInvokable request, InvokeMethodOptions options)
    {
        if ((options & InvokeMethodOptions.OneWay) != 0)
        {
            return null;
        }

        object?[]? states = null;
        for (var i = 0; i < observers.Length; i++)
        {
            if (observers[i].OnSending(reference, request) is { } state)
            {
                states ??= new object?[observers.Length];
                states[i] = state;
            }
        }

        return states;
    }

    private async ValueTask<T?> Observe<T>(ValueTask<T?> call, object?[] states)
    {
        T? result;
        try
        {
            result = await call.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Tell(states, e);
            throw;
        }

        Tell(states, null);
        return result;
    }

    private async ValueTask Observe(ValueTask call, object?[] states)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Tell(states, e);
            throw;
        }

        Tell(states, null);
    }

    private void Tell(object?[] states, Exception? failure)
    {
        for (var i = 0; i < observers.Length; i++)
        {
            if (states[i] is { } state)
            {
                observers[i].OnCompleted(state, failure);
            }
        }
    }
}
