using JobHome.Matching.Congestion;

namespace JobHome.Grains.Matching;

/// <summary>How the seekers' live post lists account for competition (docs/matching.md, "Congestion-aware post lists").</summary>
public sealed class AwareListOptions
{
    /// <summary>
    /// <see cref="PostListKind.Aware"/> orders each seeker's plain top-N by score − congestion penalty (the simulation's
    /// winner); <see cref="PostListKind.Plain"/> keeps the model's order, exactly the engine's. The silo sets aware unless
    /// <c>JobHome:Matching:Lists</c> says plain; a bare <c>AddJobHomeGrains</c> (tests, tools) keeps the engine's order.
    /// Default: plain.
    /// </summary>
    public PostListKind Lists { get; init; } = PostListKind.Plain;

    /// <summary>
    /// How old a partition's post prices may get before a query starts recomputing them in the background (prices are
    /// then at most this old plus one computation). Default: 60 s.
    /// </summary>
    public TimeSpan PriceInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many partitions of a silo compute their prices at once; the others wait for a slot (their prices stay as they
    /// are meanwhile). A computation is CPU-bound (a top-N query per sampled seeker), and a province silo holds a hundred
    /// partitions that fall due in the same minute, so unbounded they took every core from the requests (docs/matching.md).
    /// Default: half the processors, at least 1.
    /// </summary>
    public int PricingsAtOnce { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>The list length K the prices assume (apply probabilities by rank, as in the simulation). Default: 10.</summary>
    public int ListLength { get; init; } = 10;

    /// <summary>
    /// Most seekers' records a partition keeps to price its posts (<see cref="PricingPopulation"/>: the smallest id hashes, a
    /// uniform sample; prices scaled by seekers ÷ sample). Bounds the memory of aware lists at province scale (docs/matching.md,
    /// "Memory"). Default: 4,096.
    /// </summary>
    public int PricingSample { get; init; } = 4096;

    /// <summary>Depth N, penalty weights and iterations. Default: <see cref="CongestionSettings"/>'s defaults.</summary>
    public CongestionSettings Settings { get; init; } = new();
}
