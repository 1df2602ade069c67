using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Demo.Outcomes;

/// <summary>
/// The demo's behaviour model: how seekers choose among recommended posts and how employers hire. Its preferences are
/// deliberately not the default weights, so a learned model has something to find (documented in docs/formats.md).
/// </summary>
/// <remarks>
/// Apply: P = σ(−2.6 + 0.8·occupation + 1.4·skills + 3.0·ln(pay ratio) − c·km/limit − 0.10·(rank − 1) − 0.012·min(age, 120)
/// + 0.4·history occupation + 0.8·history kind + keenness), with commute weight c = 3.5 for part-time and gig posts and
/// 1.0 otherwise, pay ratio = post's top pay / seeker's expected pay clamped to [0.5, 2], age = days since the post opened
/// (stale posts attract less), history occupation = deepest occupation level (0–4) shared with a post the seeker applied to
/// before and history kind = share of those applications of this post's kind (people return to what they tried), plus a
/// per-seeker keenness drawn once in [−0.5, 0.5]. Hire: each post ranks its applicants by 2.5·skills + 1.0·occupation +
/// 0.5·min(education gap, 2) + noise in [0, 1] and hires them in that order, each with
/// P = σ(−1.0 + 2.5·skills + 1.0·occupation − 0.6·ln(1 + popularity)), popularity = lists that showed the post in the 14
/// days before the application per opening (crowded posts turn more people away), until its openings are filled.
/// Gender, ethnicity and disability play no part.
/// </remarks>
public static class OutcomeBehaviour
{
    /// <summary>Probability that a seeker applies to a recommended post, given its freshness and the seeker's history.</summary>
    public static double ApplyProbability(in FactorVector factors, MatchSeeker seeker, MatchPost post, double km, double limitKm, int rank,
        double keenness, RerankContext context = default)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(post);
        var payRatio = Math.Clamp((double)post.PayMax / Math.Max(1.0, (double)seeker.ExpectedPayMin), 0.5, 2.0);
        var commute = post.Kind is WorkKind.PartTime or WorkKind.Gig ? 3.5 : 1.0;
        var u = -2.6 + (0.8 * factors.Occupation) + (1.4 * factors.Skills) + (3.0 * Math.Log(payRatio))
            - (commute * Math.Min(1.0, km / limitKm)) - (0.10 * (rank - 1)) + keenness
            - (0.012 * Math.Min(context.PostAgeDays, 120)) + (0.4 * context.HistoryOccupation) + (0.8 * context.HistoryKind);
        return Sigmoid(u);
    }

    /// <summary>The employer's preference among applicants (higher first), before noise.</summary>
    public static double EmployerPreference(in FactorVector factors, MatchSeeker seeker, MatchPost post)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(post);
        var gap = Math.Clamp(seeker.Education.Rank() - post.MinEducation.Rank(), 0, 2);
        return (2.5 * factors.Skills) + (1.0 * factors.Occupation) + (0.5 * gap);
    }

    /// <summary>Probability that the employer hires an applicant it has reached in its order; falls with the post's popularity.</summary>
    public static double HireProbability(in FactorVector factors, double popularity = 0) =>
        Sigmoid(-1.0 + (2.5 * factors.Skills) + (1.0 * factors.Occupation) - (0.6 * Math.Log(1 + Math.Max(0, popularity))));

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
