namespace JobHome.Matching.Ranking;

/// <summary>The re-ranker's features, in vector order. None is a protected attribute or derived from one.</summary>
public enum RerankFeature
{
    /// <summary>Depth of the occupation match, 0 (none) … 4 (same code).</summary>
    OccupationDepth,

    /// <summary>Required skills the seeker has (count).</summary>
    SkillsMatched,

    /// <summary>Share of the required skills the seeker has (1 when none are required).</summary>
    SkillsShare,

    /// <summary>The post's top pay divided by the seeker's expected pay.</summary>
    PayRatio,

    /// <summary>Distance home → workplace in km.</summary>
    DistanceKm,

    /// <summary>Distance as a share of the seeker's commute limit.</summary>
    CommuteShare,

    /// <summary>Seeker's education rank minus the post's minimum rank.</summary>
    EducationGap,

    /// <summary>Years to the nearer of the post's own age limits (30 when it has none): age only against the post's limits.</summary>
    AgeMargin,

    /// <summary>The post's kind of work (1 full-time, 2 part-time, 4 gig, 8 public welfare).</summary>
    Kind,

    /// <summary>How many kinds of work the seeker takes.</summary>
    KindsTaken,

    /// <summary>The documented key-group priority term (the only way key groups enter).</summary>
    Priority,

    /// <summary>Days since the post opened (freshness; <see cref="RerankContext.AgeDays"/>).</summary>
    PostAgeDays,

    /// <summary>Lists that showed the post in the last 14 days per opening (popularity; <see cref="PostPopularity"/>).</summary>
    PostPopularity,

    /// <summary>The seeker's applications before (history).</summary>
    SeekerApplications,

    /// <summary>The linear stage's score.</summary>
    LinearScore,

    /// <summary>Deepest occupation level (0–4) the post shares with any post the seeker applied to before (history).</summary>
    HistoryOccupation,

    /// <summary>Share of the seeker's earlier applications that went to posts of this post's kind (history; 0 without any).</summary>
    HistoryKind,
}
