using JobHome.Matching.Congestion;

namespace JobHome.Matching.Simulation;

/// <summary>The fixed behaviour of the market simulation (documented in docs/cli.md before any comparison was measured).</summary>
/// <param name="Rounds">Rounds of apply → hire. Default: 5.</param>
/// <param name="ListLength">Posts on each unplaced seeker's list per round (K). Default: 10.</param>
/// <param name="Seed">Seed of the random draws. Default: 1.</param>
public sealed record MarketSettings(int Rounds = 5, int ListLength = 10, ulong Seed = 1)
{
    /// <summary>
    /// Which post lists people get each round. Default: <see cref="PostListKind.Aware"/>, which placed more people than plain
    /// lists in every measured market (docs/matching.md).
    /// </summary>
    public PostListKind Lists { get; init; } = PostListKind.Aware;

    /// <summary>How aware lists are computed (each round, from the unplaced people and the free openings). Default: defaults.</summary>
    public CongestionSettings Congestion { get; init; } = new();

    /// <summary>
    /// Aware lists' prices from at most this many of the round's unplaced people (the bounded population a live partition
    /// keeps, <see cref="PricingPopulation"/>); null: from all of them. Lists are still made for everyone. Default: null.
    /// </summary>
    public int? PricingSample { get; init; }

    /// <summary>Probability of applying at the first rank; at rank r it is FirstApply × ApplyDecay^(r − 1).</summary>
    public const double FirstApply = 0.6;

    /// <summary>Per-rank decay of the apply probability.</summary>
    public const double ApplyDecay = 0.8;

    /// <summary>The apply probability at a 1-based rank.</summary>
    public static double ApplyProbability(int rank) => FirstApply * Math.Pow(ApplyDecay, rank - 1);
}
