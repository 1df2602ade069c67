using JobHome.Grains.Time;
using JobHome.Matching.Congestion;
using JobHome.Matching.Model;

namespace JobHome.Grains.Matching;

/// <summary>
/// The model this silo's match partitions rank with (one per silo, a singleton). A swap is atomic: a query reads
/// <see cref="Current"/> once and uses that model throughout. Every silo loads the same file (<c>JobHome:Matching:ModelPath</c>
/// on a shared volume or the same ConfigMap), so the cluster ranks alike once each has polled it. Also carries how lists
/// account for competition (<see cref="Lists"/>) and the clock that ages the partitions' post prices.
/// </summary>
/// <param name="clock">The server clock (prices' age).</param>
/// <param name="lists">Aware or plain lists and the price settings.</param>
public sealed class ModelCatalog(ServerClock clock, AwareListOptions lists)
{
    private readonly Lock _swap = new();
    private TwoStageModel _current = TwoStageModel.Default;
    private long _generation;

    /// <summary>The model in use (the built-in weights until a file is loaded).</summary>
    public TwoStageModel Current => Volatile.Read(ref _current);

    /// <summary>Incremented by every swap; partitions compare it to notice a new model.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>When the current model was loaded; null for the built-in weights.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Aware or plain lists and the price settings.</summary>
    public AwareListOptions Lists => lists;

    /// <summary>The clock that ages post prices.</summary>
    public TimeProvider Time => clock.Time;

    /// <summary>
    /// The silo's pricing slots: how many partitions compute post prices at once (<see cref="AwareListOptions.PricingsAtOnce"/>).
    /// </summary>
    internal SemaphoreSlim PricingSlots { get; } = new(Math.Max(1, lists.PricingsAtOnce));

    // The two events are the catalogue's notifications of state changes that happen off the caller's thread (a poll tick,
    // a background price computation), like IOptionsMonitor.OnChange: scoped to this silo's catalogue (parallel test
    // clusters never see each other's, unlike a process-wide DiagnosticListener or Meter) and raised after the change, so a
    // subscriber awaits them without polling or sleeping. Tests are their consumers today; nothing in them is test-only.

    /// <summary>Raised (on a thread-pool thread) when a partition finished recomputing its post prices.</summary>
    public event Action<PostPrices>? PricesUpdated;

    /// <summary>Raised after a swap, with the new model.</summary>
    public event Action<TwoStageModel>? Swapped;

    /// <summary>Makes <paramref name="model"/> current; false (nothing changes) when its version is already current.</summary>
    public bool Swap(TwoStageModel model, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (_swap)
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

    /// <summary>Tells <see cref="PricesUpdated"/> listeners about new prices.</summary>
    internal void OnPricesUpdated(PostPrices prices) => PricesUpdated?.Invoke(prices);
}
