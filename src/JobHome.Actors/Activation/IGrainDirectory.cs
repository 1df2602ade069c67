namespace JobHome.Actors.Activation;

/// <summary>
/// Where activations are found. The single silo keeps a local map; a cluster version will register activations in
/// the database (fenced by ETags) and answer with remote addresses.
/// </summary>
internal interface IGrainDirectory
{
    /// <summary>The activation registered for <paramref name="id"/>, registering <paramref name="candidate"/> when none is.</summary>
    ActivationData GetOrRegister(GrainId id, Func<GrainId, ActivationData> candidate);

    /// <summary>Unregisters <paramref name="activation"/> if it is still the registered one.</summary>
    bool Unregister(ActivationData activation);

    /// <summary>All registered activations.</summary>
    IEnumerable<ActivationData> Activations { get; }
}
