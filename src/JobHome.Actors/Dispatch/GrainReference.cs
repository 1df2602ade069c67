using System.ComponentModel;
using JobHome.Actors.Activation;

namespace JobHome.Actors.Dispatch;

/// <summary>
/// Base class of generated grain proxies: a cheap, location-transparent reference (grain class + key). Every call
/// becomes a <see cref="GrainRequestBase"/> handed to the runtime's dispatcher.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainReference
{
    private readonly GrainRuntime _runtime;
    private ActivationData? _cached;

    /// <summary>Creates the reference.</summary>
    protected GrainReference(GrainReferenceArgs args)
    {
        _runtime = args.Runtime;
        GrainClass = args.GrainClass;
        Key = args.Key;
    }

    /// <summary>The grain's key.</summary>
    public string Key { get; }

    internal GrainClassInfo GrainClass { get; }

    /// <inheritdoc />
    public override string ToString() => $"{GrainClass.GrainTypeName}/{Key}";

    /// <summary>Sends a request expecting a result.</summary>
    protected Task<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request) => _runtime.InvokeAsync(this, request);

    /// <summary>Sends a request without a result.</summary>
    protected Task InvokeAsync(GrainRequest request) => _runtime.InvokeAsync(this, request);

    internal ActivationData GetActivation()
    {
        var cached = _cached;
        if (cached is not null && cached.IsUsable)
        {
            return cached;
        }

        var activation = _runtime.GetActivation(GrainClass, Key);
        if (!GrainClass.IsStatelessWorker)
        {
            _cached = activation;
        }

        return activation;
    }
}
