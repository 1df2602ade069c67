using JobHome.Domain.Sites;

namespace JobHome.Domain.Levels;

/// <summary>
/// The outcome of a level assessment: the level reached, the kind's required minimum (township: level 3, every
/// other site: level 4), and precisely what is missing for the next level and for the minimum.
/// </summary>
public sealed record LevelAssessment(
    SiteKind Kind,
    ServiceLevel Level,
    ServiceLevel RequiredMinimum,
    ServiceLevel? NextLevel,
    IReadOnlyList<LevelRequirement> MissingForNext,
    IReadOnlyList<LevelRequirement> MissingForMinimum)
{
    /// <summary>True when the level reached is below the kind's required minimum (e.g. a township at level 4).</summary>
    public bool BelowMinimum => !ServiceLevels.IsAtLeast(Level, RequiredMinimum);
}
