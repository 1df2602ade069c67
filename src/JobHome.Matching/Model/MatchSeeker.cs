using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;

namespace JobHome.Matching.Model;

/// <summary>What the matching engine knows about a job seeker (no name, no ID-card number).</summary>
/// <param name="Id">Pseudonymous seeker id.</param>
/// <param name="BirthDate">Date of birth; age is taken on the query's reference date.</param>
/// <param name="Gender">Gender.</param>
/// <param name="Education">Highest completed education.</param>
/// <param name="Occupations">Occupation intentions (求职意向), full codes or prefixes.</param>
/// <param name="Skills">Skills and certificates, free tokens compared case-insensitively.</param>
/// <param name="ExpectedPayMin">Lowest acceptable monthly pay in CNY.</param>
/// <param name="Location">Home location.</param>
/// <param name="Rural">True for a rural (village) resident.</param>
/// <param name="Availability">Kinds of work the seeker takes.</param>
/// <param name="KeyGroups">Key-group flags.</param>
public sealed record MatchSeeker(
    string Id,
    DateOnly BirthDate,
    Gender Gender,
    EducationLevel Education,
    IReadOnlyList<OccupationCode> Occupations,
    IReadOnlyList<string> Skills,
    decimal ExpectedPayMin,
    GeoPoint Location,
    bool Rural,
    WorkKind Availability,
    KeyGroups KeyGroups);
