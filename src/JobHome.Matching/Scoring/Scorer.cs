using JobHome.Domain.Geography;
using JobHome.Domain.People;
using JobHome.Matching.Model;

namespace JobHome.Matching.Scoring;

/// <summary>Hard filters, factors, score and explanation for one (seeker, post) pair under a model and options.</summary>
/// <remarks>
/// The rules themselves live in <see cref="HardFilters"/> and <see cref="FactorCurves"/>; scoring an encoded pair
/// allocates nothing.
/// </remarks>
public sealed class Scorer
{
    private readonly int _packedAsOf;

    /// <summary>Creates a scorer.</summary>
    public Scorer(ScoringModel model, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Model = model;
        Options = options;
        _packedAsOf = FactorCurves.PackDate(options.AsOf);
    }

    /// <summary>The scoring model.</summary>
    public ScoringModel Model { get; }

    /// <summary>The options.</summary>
    public MatchOptions Options { get; }

    /// <summary>Scores an encoded pair; false (score 0) when the pair fails a hard filter.</summary>
    internal bool TryScore(in SeekerFeatures seeker, in PostFeatures post, out double score)
    {
        score = 0;
        var age = FactorCurves.AgeYears(seeker.PackedBirth, _packedAsOf);
        if (!HardFilters.HasOpenings(post.Openings)
            || !HardFilters.Fits(
                seeker.Availability, HardFilters.PublicWelfareEligible(seeker.KeyGroups), seeker.EducationRank, age,
                post.Kind, post.MinEducationRank, post.AgeMin, post.AgeMax))
        {
            return false;
        }
        var limit = Options.LimitKm(seeker.Rural);
        var km = new GeoPoint(seeker.Lat, seeker.Lon).DistanceKm(new GeoPoint(post.Lat, post.Lon));
        if (!HardFilters.WithinCommute(km, limit))
        {
            return false;
        }
        var skills = FactorCurves.Skills(
            SkillSet.Matched(post.Skills.Mask, post.Skills.Overflow, seeker.Skills.Mask, seeker.Skills.Overflow), post.Skills.Count);
        score = Model.Score(
            FactorCurves.Occupation(post.Occupation, seeker.Occupations),
            skills,
            FactorCurves.Pay(seeker.ExpectedPay, post.PayMin, post.PayMax),
            FactorCurves.Distance(km, limit),
            FactorCurves.Priority(seeker.KeyGroups, Options.PriorityGroups, Options.OtherKeyGroupPriority));
        return true;
    }

    /// <summary>Scores a pair from its records; false (score 0) when it fails a hard filter.</summary>
    public bool TryScore(MatchSeeker seeker, MatchPost post, out double score)
    {
        if (CheckEligibility(seeker, post, Options) != Ineligibility.None)
        {
            score = 0;
            return false;
        }
        score = Model.Score(Factors(seeker, post, Options));
        return true;
    }

    /// <summary>The first hard filter the pair fails, or <see cref="Ineligibility.None"/>.</summary>
    public static Ineligibility CheckEligibility(MatchSeeker seeker, MatchPost post, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(options);
        var failure = HardFilters.FirstFailure(
            seeker.Availability, seeker.KeyGroups, (byte)seeker.Education.Rank(), FactorCurves.AgeYears(seeker.BirthDate, options.AsOf),
            post.Openings, post.Kind, (byte)post.MinEducation.Rank(), post.AgeMin ?? int.MinValue, post.AgeMax ?? int.MaxValue);
        if (failure != Ineligibility.None)
        {
            return failure;
        }
        return HardFilters.WithinCommute(seeker.Location.DistanceKm(post.Location), options.LimitKm(seeker.Rural))
            ? Ineligibility.None
            : Ineligibility.TooFar;
    }

    /// <summary>The factor values of a pair (whether or not it is eligible), e.g. to build <see cref="TrainingExample"/>s.</summary>
    public static FactorVector Factors(MatchSeeker seeker, MatchPost post, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(options);
        var have = new HashSet<string>(seeker.Skills, StringComparer.OrdinalIgnoreCase);
        var required = new HashSet<string>(post.Skills, StringComparer.OrdinalIgnoreCase);
        var matched = required.Count(have.Contains);
        var limit = options.LimitKm(seeker.Rural);
        var codes = seeker.Occupations is Domain.Occupations.OccupationCode[] a ? a : [.. seeker.Occupations];
        return new FactorVector(
            FactorCurves.Occupation(post.Occupation, codes),
            FactorCurves.Skills(matched, required.Count),
            FactorCurves.Pay((double)seeker.ExpectedPayMin, (double)post.PayMin, (double)post.PayMax),
            FactorCurves.Distance(seeker.Location.DistanceKm(post.Location), limit),
            FactorCurves.Priority(seeker.KeyGroups, options.PriorityGroups, options.OtherKeyGroupPriority));
    }

    /// <summary>All factors of a pair with their contributions, largest contribution first (ties in factor order).</summary>
    public IReadOnlyList<FactorContribution> Explain(MatchSeeker seeker, MatchPost post) => Explain(Factors(seeker, post, Options), Model);

    /// <summary>All factors of a vector with their contributions under a model, largest first (ties in factor order).</summary>
    public static IReadOnlyList<FactorContribution> Explain(in FactorVector factors, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Described(factors, model, FactorVector.Count);
    }

    /// <summary>A recommendation of <paramref name="id"/> with the top factors of a pair.</summary>
    internal static Recommendation Recommend(string id, double score, in FactorVector factors, ScoringModel model, int topFactors) =>
        new(id, score, Described(factors, model, topFactors));

    // The first `count` factors in Explain's order (contribution descending, ties in factor order), as numbers: their words
    // are made when read (FactorContribution.Chinese / English), not per recompute.
    private static FactorContribution[] Described(in FactorVector factors, ScoringModel model, int count)
    {
        Span<double> contributions = stackalloc double[FactorVector.Count];
        Span<int> order = stackalloc int[FactorVector.Count];
        Order(factors, model, order, contributions);
        var described = new FactorContribution[Math.Clamp(count, 0, FactorVector.Count)];
        for (var k = 0; k < described.Length; k++)
        {
            var factor = (Factor)order[k];
            described[k] = new FactorContribution(factor, factors[factor], contributions[order[k]], model.Weight(factor));
        }
        return described;
    }

    /// <summary>
    /// The factors of a vector in <see cref="Explain(in FactorVector, ScoringModel)"/>'s order (contribution descending, ties in
    /// factor order) as indexes into <paramref name="order"/>, and each factor's contribution (weight × value, indexed by
    /// factor) into <paramref name="contributions"/>: the numbers of its <see cref="FactorContribution"/>s, without them.
    /// </summary>
    /// <param name="factors">The pair's factor values.</param>
    /// <param name="model">The model whose weights apply.</param>
    /// <param name="order">At least <see cref="FactorVector.Count"/> long: <c>order[k]</c> is the k-th factor.</param>
    /// <param name="contributions">At least <see cref="FactorVector.Count"/> long.</param>
    public static void Order(in FactorVector factors, ScoringModel model, Span<int> order, Span<double> contributions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(order.Length, FactorVector.Count, nameof(order));
        ArgumentOutOfRangeException.ThrowIfLessThan(contributions.Length, FactorVector.Count, nameof(contributions));
        for (var i = 0; i < FactorVector.Count; i++)
        {
            contributions[i] = model.Weight((Factor)i) * factors[(Factor)i];
            order[i] = i;
            // Insertion sort by the same comparison Explain always used: a total order, so any sort gives this order.
            for (var j = i; j > 0 && Before(contributions, order[j], order[j - 1]); j--)
            {
                (order[j], order[j - 1]) = (order[j - 1], order[j]);
            }
        }
    }

    private static bool Before(ReadOnlySpan<double> contributions, int a, int b) =>
        contributions[a].CompareTo(contributions[b]) is var c && c != 0 ? c > 0 : a < b;
}
