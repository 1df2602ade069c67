using JobHome.Matching.Model;

namespace JobHome.Grains.Matching;

/// <summary>
/// The model this silo's match partitions rank with (one per silo, a singleton). A swap is atomic: a query reads
/// <see cref="Current"/> once and uses that model throughout. Every silo loads the same file (<c>JobHome:Matching:ModelPath</c>
/// on a shared volume or the same ConfigMap), so the cluster ranks alike once each has polled it.
/// </summary>
public sealed class ModelCatalog
{
    private TwoStageModel _current = TwoStageModel.Default;
    private long _generation;

    /// <summary>The model in use (the built-in weights until a file is loaded).</summary>
    public TwoStageModel Current => Volatile.Read(ref _current);

    /// <summary>Incremented by every swap; partitions compare it to notice a new model.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>When the current model was loaded; null for the built-in weights.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Raised after a swap, with the new model.</summary>
    public event Action<TwoStageModel>? Swapped;

    /// <summary>Makes <paramref name="model"/> current; false (nothing changes) when its version is already current.</summary>
    public bool Swap(TwoStageModel model, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (this)
        {
            if (string.Equals(_current.Version, model.Version, StringComparison.Ordinal))
            {
                return false;
            }
            LoadedAt = loadedAt;
            Volatile.Write(ref _current, model);
            Interlocked.Increment(ref _generation);
        }
        Swapped?.Invoke(model);
        return true;
    }
}
