namespace JobHome.Actors;

/// <summary>
/// Marks a grain class as a per-silo stateless worker: the silo may run several local activations of the same key and
/// spreads calls over them. Each activation still runs one turn at a time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatelessWorkerAttribute : Attribute
{
    /// <summary>Creates the attribute; <paramref name="maxLocalWorkers"/> 0 means the processor count.</summary>
    public StatelessWorkerAttribute(int maxLocalWorkers = 0) => MaxLocalWorkers = maxLocalWorkers;

    /// <summary>Maximum local activations per key. Default: the processor count.</summary>
    public int MaxLocalWorkers { get; }
}
