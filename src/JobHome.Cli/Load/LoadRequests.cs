namespace JobHome.Cli.Load;

/// <summary>The employer the run's posts belong to (<c>POST /api/employers</c>).</summary>
internal sealed record LoadEmployer(string CreditCode, string Name, string SiteCode);

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
    DateOnly StatusSince);

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
    string[] Skills);

/// <summary>A placement of the run (<c>POST /api/placements</c>).</summary>
internal sealed record LoadPlacement(string SeekerId, string PostId, DateOnly Date);

/// <summary>The end of a placement (<c>POST /api/placements/{id}/end</c>).</summary>
internal sealed record LoadEnd(DateOnly Date, string Reason);

/// <summary>The part of a 201 answer the run keeps: the new record's id.</summary>
internal sealed record LoadCreated(string? Id);
