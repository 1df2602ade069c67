using JobHome.Matching.Scoring;

namespace JobHome.Grains.Matching;

/// <summary>
/// A recommended post (for a seeker) or seeker (for a post): id, exact engine score and top factors; a re-ranked post also
/// carries the key it is ordered by (<see cref="OrderKey"/>) and its reasons as factors (<see cref="RankingItems"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.match-item")]
public sealed record MatchItem(
    [property: Id(0)] string Id,
    [property: Id(1)] double Score,
    [property: Id(2)] MatchFactorView[] Factors,
    [property: Id(3)] double? OrderKey = null)
{
    /// <summary>
    /// What lists are ordered by: <see cref="OrderKey"/> when set (re-ranker score, or score − congestion penalty), else
    /// <see cref="Score"/>.
    /// </summary>
    public double Rank => OrderKey ?? Score;

    /// <summary>The item of an engine recommendation (factor tokens from <see cref="FactorNames"/>; words made when read).</summary>
    public static MatchItem From(Recommendation r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new MatchItem(r.Id, r.Score, FactorsOf(r));
    }

    /// <summary>The factors of an engine recommendation, as <see cref="From"/> gives them.</summary>
    public static MatchFactorView[] FactorsOf(Recommendation r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.TopFactors.Count == 0)
        {
            return [];
        }
        var factors = new MatchFactorView[r.TopFactors.Count];
        for (var i = 0; i < factors.Length; i++)
        {
            factors[i] = MatchFactorView.Of(r.TopFactors[i]);
        }
        return factors;
    }
}
