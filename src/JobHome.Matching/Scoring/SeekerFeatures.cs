using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;

namespace JobHome.Matching.Scoring;

/// <summary>A seeker encoded for scoring: primitive fields and a skill bitset.</summary>
internal readonly struct SeekerFeatures
{
    /// <summary>Encodes a seeker; unknown skills are added to <paramref name="vocabulary"/>.</summary>
    public SeekerFeatures(MatchSeeker seeker, SkillVocabulary vocabulary, bool addSkills = true)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(vocabulary);
        PackedBirth = FactorCurves.PackDate(seeker.BirthDate);
        EducationRank = (byte)seeker.Education.Rank();
        Availability = seeker.Availability;
        KeyGroups = seeker.KeyGroups;
        Rural = seeker.Rural;
        Lat = seeker.Location.Lat;
        Lon = seeker.Location.Lon;
        ExpectedPay = (double)seeker.ExpectedPayMin;
        Skills = vocabulary.Encode(seeker.Skills, addSkills);
        Occupations = [.. seeker.Occupations];
    }

    /// <summary>Birth date packed by <see cref="FactorCurves.PackDate"/>.</summary>
    public int PackedBirth { get; }

    /// <summary>Education rank (<see cref="EducationLevels.Rank"/>).</summary>
    public byte EducationRank { get; }

    /// <summary>Kinds of work taken.</summary>
    public WorkKind Availability { get; }

    /// <summary>Key-group flags.</summary>
    public KeyGroups KeyGroups { get; }

    /// <summary>Rural resident.</summary>
    public bool Rural { get; }

    /// <summary>Latitude.</summary>
    public double Lat { get; }

    /// <summary>Longitude.</summary>
    public double Lon { get; }

    /// <summary>Expected minimum monthly pay.</summary>
    public double ExpectedPay { get; }

    /// <summary>Skills held.</summary>
    public SkillSet Skills { get; }

    /// <summary>Occupation intentions.</summary>
    public OccupationCode[] Occupations { get; }
}
