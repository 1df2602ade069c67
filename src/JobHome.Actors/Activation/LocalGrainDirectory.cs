using System.Collections.Concurrent;

namespace JobHome.Actors.Activation;

/// <summary>In-process directory: one activation per grain id.</summary>
internal sealed class LocalGrainDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();

    public IEnumerable<ActivationData> Activations => _activations.Values;

    public ActivationData GetOrRegister(GrainId id, Func<GrainId, ActivationData> candidate) => _activations.GetOrAdd(id, candidate);

    public bool Unregister(ActivationData activation) => _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.Id, activation));
}
