using JobHome.Matching.Scoring;

namespace JobHome.Matching.Congestion;

/// <summary>A post on a person's list, with why it sits where it does.</summary>
/// <param name="Id">Post id.</param>
/// <param name="Score">Linear score in [0, 1] (what the post hires by).</param>
/// <param name="Penalty">Congestion penalty subtracted for ordering: λ · max(0, cutoff − score) + μ · crowding + ν · dual
/// price (<see cref="CongestionSettings"/>); 0 on a plain list.</param>
/// <param name="Rank">1-based position on this list.</param>
/// <param name="PlainRank">1-based position among the person's plain candidates (by score).</param>
/// <param name="Cutoff">The post's expected hiring cutoff (0 on a plain list without prices).</param>
/// <param name="ApplicantsPerOpening">Expected applications per free opening (0 without prices).</param>
/// <param name="Crowding">The post's crowding: expected share of its applications turned away (0 without prices).</param>
/// <param name="DualPrice">The post's dual price in score units (0 without prices).</param>
/// <param name="TopFactors">The score's top factors, as in <see cref="Recommendation"/>.</param>
/// <param name="Reason">Why the post sits here, as the numbers its words are made from.</param>
public sealed record ListedPost(
    string Id,
    double Score,
    double Penalty,
    int Rank,
    int PlainRank,
    double Cutoff,
    double ApplicantsPerOpening,
    double Crowding,
    double DualPrice,
    IReadOnlyList<FactorContribution> TopFactors,
    ListedReason Reason)
{
    /// <summary>The ordering value: score − penalty.</summary>
    public double AwareScore => Score - Penalty;

    /// <summary>Why the post sits here, in Chinese (made on each read).</summary>
    public string WhyZh => Reason.Chinese;

    /// <summary>Why the post sits here, in English (made on each read).</summary>
    public string WhyEn => Reason.English;
}
