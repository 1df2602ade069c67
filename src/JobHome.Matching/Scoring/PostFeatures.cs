using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;

namespace JobHome.Matching.Scoring;

/// <summary>A post encoded for scoring: primitive fields and a skill bitset.</summary>
internal readonly struct PostFeatures
{
    /// <summary>Encodes a post; unknown skills are added to <paramref name="vocabulary"/>.</summary>
    public PostFeatures(MatchPost post, SkillVocabulary vocabulary, bool addSkills = true)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(vocabulary);
        Openings = post.Openings;
        Kind = post.Kind;
        MinEducationRank = (byte)post.MinEducation.Rank();
        AgeMin = post.AgeMin ?? int.MinValue;
        AgeMax = post.AgeMax ?? int.MaxValue;
        Lat = post.Location.Lat;
        Lon = post.Location.Lon;
        PayMin = (double)post.PayMin;
        PayMax = (double)post.PayMax;
        Occupation = post.Occupation;
        Skills = vocabulary.Encode(post.Skills, addSkills);
    }

    /// <summary>Free openings.</summary>
    public int Openings { get; }

    /// <summary>Kind of work.</summary>
    public WorkKind Kind { get; }

    /// <summary>Minimum education rank.</summary>
    public byte MinEducationRank { get; }

    /// <summary>Minimum age, inclusive (<see cref="int.MinValue"/> = none).</summary>
    public int AgeMin { get; }

    /// <summary>Maximum age, inclusive (<see cref="int.MaxValue"/> = none).</summary>
    public int AgeMax { get; }

    /// <summary>Latitude.</summary>
    public double Lat { get; }

    /// <summary>Longitude.</summary>
    public double Lon { get; }

    /// <summary>Lowest offered pay.</summary>
    public double PayMin { get; }

    /// <summary>Highest offered pay.</summary>
    public double PayMax { get; }

    /// <summary>Occupation code.</summary>
    public OccupationCode Occupation { get; }

    /// <summary>Required skills.</summary>
    public SkillSet Skills { get; }
}
