using System.Numerics;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Ranking;

/// <summary>
/// Computes the re-ranker's feature vector of a pair. Reads no gender, ethnicity, disability or ID-card number; age only
/// against the post's own limits; key groups only through the documented priority term.
/// </summary>
public static class RerankFeatures
{
    /// <summary>Age margin used when the post has no age limit.</summary>
    public const float NoAgeLimitMargin = 30f;

    /// <summary>Writes the features of (seeker, candidate) into <paramref name="destination"/>.</summary>
    public static void Fill(MatchSeeker seeker, RerankCandidate candidate, MatchOptions options, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(options);
        if (destination.Length < RerankFeatureNames.Count)
        {
            throw new ArgumentException($"destination needs {RerankFeatureNames.Count} values", nameof(destination));
        }
        var post = candidate.Post;
        // Computed here rather than through Scorer.Factors so that a candidate costs no allocation (same curves, same values).

        int required = 0, matched = 0;
        for (var i = 0; i < post.Skills.Count; i++)
        {
            if (SeenBefore(post.Skills, i))
            {
                continue;
            }
            required++;
            for (var j = 0; j < seeker.Skills.Count; j++)
            {
                if (string.Equals(post.Skills[i], seeker.Skills[j], StringComparison.OrdinalIgnoreCase))
                {
                    matched++;
                    break;
                }
            }
        }
        var km = seeker.Location.DistanceKm(post.Location);
        var limit = options.LimitKm(seeker.Rural);
        var occupation = FactorCurves.OccupationOfList(post.Occupation, seeker.Occupations);
        var priority = FactorCurves.Priority(seeker.KeyGroups, options.PriorityGroups, options.OtherKeyGroupPriority);
        var age = FactorCurves.AgeYears(seeker.BirthDate, options.AsOf);
        var margin = Math.Min(
            post.AgeMin is { } min ? age - min : (int)NoAgeLimitMargin, post.AgeMax is { } max ? max - age : (int)NoAgeLimitMargin);
        destination[(int)RerankFeature.OccupationDepth] = (float)Math.Round(occupation * 4);
        destination[(int)RerankFeature.SkillsMatched] = matched;
        destination[(int)RerankFeature.SkillsShare] = (float)FactorCurves.Skills(matched, required);
        destination[(int)RerankFeature.PayRatio] = (float)((double)post.PayMax / Math.Max(1.0, (double)seeker.ExpectedPayMin));
        destination[(int)RerankFeature.DistanceKm] = (float)km;
        destination[(int)RerankFeature.CommuteShare] = (float)(km / limit);
        destination[(int)RerankFeature.EducationGap] = seeker.Education.Rank() - post.MinEducation.Rank();
        destination[(int)RerankFeature.AgeMargin] = Math.Min(margin, NoAgeLimitMargin);
        destination[(int)RerankFeature.Kind] = (float)post.Kind;
        destination[(int)RerankFeature.KindsTaken] = BitOperations.PopCount((uint)seeker.Availability);
        destination[(int)RerankFeature.Priority] = (float)priority;
        destination[(int)RerankFeature.PostAgeDays] = candidate.Context.PostAgeDays;
        destination[(int)RerankFeature.PostPopularity] = candidate.Context.PostPopularity;
        destination[(int)RerankFeature.SeekerApplications] = candidate.Context.SeekerApplications;
        destination[(int)RerankFeature.LinearScore] = (float)candidate.LinearScore;
        destination[(int)RerankFeature.HistoryOccupation] = candidate.Context.HistoryOccupation;
        destination[(int)RerankFeature.HistoryKind] = candidate.Context.HistoryKind;
    }

    private static bool SeenBefore(IReadOnlyList<string> skills, int i)
    {
        for (var j = 0; j < i; j++)
        {
            if (string.Equals(skills[i], skills[j], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
