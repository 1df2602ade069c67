using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;

namespace JobHome.Matching.Model;

/// <summary>What the matching engine knows about a post (岗位).</summary>
/// <param name="Id">Post id.</param>
/// <param name="EmployerId">Employer id.</param>
/// <param name="Title">Post title, Chinese allowed.</param>
/// <param name="Occupation">Occupation code or prefix.</param>
/// <param name="Openings">Free openings (&gt; 0 to be eligible).</param>
/// <param name="PayMin">Lowest offered monthly pay in CNY.</param>
/// <param name="PayMax">Highest offered monthly pay in CNY.</param>
/// <param name="Location">Workplace location.</param>
/// <param name="Kind">Exactly one kind of work.</param>
/// <param name="MinEducation">Minimum education.</param>
/// <param name="AgeMin">Minimum age in years, inclusive; null = no limit.</param>
/// <param name="AgeMax">Maximum age in years, inclusive; null = no limit.</param>
/// <param name="Skills">Required skills.</param>
public sealed record MatchPost(
    string Id,
    string EmployerId,
    string Title,
    OccupationCode Occupation,
    int Openings,
    decimal PayMin,
    decimal PayMax,
    GeoPoint Location,
    WorkKind Kind,
    EducationLevel MinEducation,
    int? AgeMin,
    int? AgeMax,
    IReadOnlyList<string> Skills)
{
    /// <summary>The day the post opened (发布日期), for the re-ranker's freshness; null when not known (older files).</summary>
    public DateOnly? Opened { get; init; }
}
