namespace JobHome.Cli.Load;

// These mirror the API's request records (JobHome.Silo.Api: SeekerRequest, PostRequest, EmployerRequest, PlacementBody,
// PlacementEndBody) without referencing the host; tests/JobHome.Cli.Tests/Load/LoadRequestContractTests binds every one
// of them with the API's own JSON options and field checks, so a rename or a new required field fails there.

/// <summary>The employer the run's posts belong to (<c>POST /api/employers</c>).</summary>
internal sealed record LoadEmployer(string CreditCode, string Name, string SiteCode)
{
    /// <summary>The run's employer, registered at <paramref name="siteCode"/> (located at the site by the API).</summary>
    public static LoadEmployer At(string creditCode, string siteCode) => new(creditCode, "负载测试用人单位", siteCode);
}

/// <summary>A seeker registration of the run (<c>POST /api/seekers</c>).</summary>
internal sealed record LoadSeeker(
    string SiteCode,
    string Name,
    string IdNumber,
    DateOnly BirthDate,
    string Gender,
    string Education,
    string[] Occupations,
    string[] Skills,
    int ExpectedPayMin,
    double Lat,
    double Lon,
    bool Rural,
    string[] Availability,
    string[] KeyGroups,
    string Status,
    DateOnly StatusSince)
{
    /// <summary>
    /// A registration as the run sends it: unemployed for 30 days before <paramref name="today"/>, senior school, one
    /// occupation, 3,000 a month expected, full-time, rural, living at <paramref name="at"/> (the site's location).
    /// </summary>
    public static LoadSeeker Unemployed(string siteCode, string name, string idNumber, DateOnly birthDate, bool male, string occupation,
        DateOnly today, (double Lat, double Lon) at) =>
        new(siteCode, name, idNumber, birthDate, male ? "M" : "F", "senior", [occupation], [], 3000, at.Lat, at.Lon, true,
            ["full_time"], [], "unemployed", today.AddDays(-30));
}

/// <summary>A post of the run (<c>POST /api/posts</c>).</summary>
internal sealed record LoadPost(
    string SiteCode,
    string EmployerCode,
    string Title,
    string Occupation,
    int Openings,
    int PayMin,
    int PayMax,
    double Lat,
    double Lon,
    string Kind,
    string[] Skills)
{
    /// <summary>
    /// A post as the run opens it: full-time, 3,000–5,000 a month, no skills required, at <paramref name="at"/> (the
    /// site's location).
    /// </summary>
    public static LoadPost FullTime(string siteCode, string employerCode, string occupation, int openings, (double Lat, double Lon) at) =>
        new(siteCode, employerCode, "负载测试岗位", occupation, openings, 3000, 5000, at.Lat, at.Lon, "full_time", []);
}

/// <summary>A placement of the run (<c>POST /api/placements</c>).</summary>
internal sealed record LoadPlacement(string SeekerId, string PostId, DateOnly Date);

/// <summary>The end of a placement (<c>POST /api/placements/{id}/end</c>).</summary>
internal sealed record LoadEnd(DateOnly Date, string Reason)
{
    /// <summary>The end the run sends: the placement completed on <paramref name="date"/>.</summary>
    public static LoadEnd Completed(DateOnly date) => new(date, "completed");
}

/// <summary>The part of a 201 answer the run keeps: the new record's id.</summary>
internal sealed record LoadCreated(string? Id);
