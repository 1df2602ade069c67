using JobHome.Matching.Scoring;

namespace JobHome.Grains.Matching;

/// <summary>A recommended post (for a seeker) or seeker (for a post): id, exact engine score and top factors.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.match-item")]
public sealed record MatchItem(
    [property: Id(0)] string Id,
    [property: Id(1)] double Score,
    [property: Id(2)] MatchFactorView[] Factors)
{
    /// <summary>The item of an engine recommendation (factor names from <see cref="FactorNames"/>).</summary>
    public static MatchItem From(Recommendation r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var factors = new MatchFactorView[r.TopFactors.Count];
        for (var i = 0; i < factors.Length; i++)
        {
            var f = r.TopFactors[i];
            factors[i] = new MatchFactorView(FactorNames.Token(f.Factor), f.Value, f.Contribution, f.Chinese, f.English);
        }
        return new MatchItem(r.Id, r.Score, factors);
    }
}
