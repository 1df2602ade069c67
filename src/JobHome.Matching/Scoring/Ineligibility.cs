namespace JobHome.Matching.Scoring;

/// <summary>Why a pair fails the hard filters; <see cref="None"/> when eligible. Checked in this order.</summary>
public enum Ineligibility
{
    /// <summary>Eligible.</summary>
    None = 0,
    /// <summary>The post has no free openings.</summary>
    NoOpenings,
    /// <summary>The seeker's availability does not include the post's kind.</summary>
    Kind,
    /// <summary>A public-welfare post and the seeker is in none of the eligible key groups.</summary>
    PublicWelfareGroup,
    /// <summary>Education below the post's minimum.</summary>
    Education,
    /// <summary>Younger than the post's minimum age.</summary>
    TooYoung,
    /// <summary>Older than the post's maximum age.</summary>
    TooOld,
    /// <summary>Farther than the commute limit.</summary>
    TooFar,
}
