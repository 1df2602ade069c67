using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;

namespace JobHome.Grains.People;

/// <summary>
/// A real-name registration (实名登记) or its correction. The ID number and phone are personal data: stored on the
/// seeker, only ever shown masked. Derived key groups in <see cref="KeyGroups"/> are ignored (see <see cref="DerivedKeyGroups"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.seeker-registration")]
public sealed record SeekerRegistration(
    [property: Id(0)] string SiteCode,
    [property: Id(1)] string Name,
    [property: Id(2)] string IdNumber,
    [property: Id(3)] DateOnly BirthDate,
    [property: Id(4)] Gender Gender,
    [property: Id(5)] EducationLevel Education,
    [property: Id(6)] LabourStatus Status,
    [property: Id(7)] DateOnly StatusSince)
{
    /// <summary>Mobile phone, optional (personal data).</summary>
    [Id(8)]
    public string? Phone { get; init; }

    /// <summary>Occupation intentions as codes X-XX-XX-XX (or prefixes), most wanted first.</summary>
    [Id(9)]
    public string[] Occupations { get; init; } = [];

    /// <summary>Skills.</summary>
    [Id(10)]
    public string[] Skills { get; init; } = [];

    /// <summary>Expected monthly pay in CNY (lower bound).</summary>
    [Id(11)]
    public decimal ExpectedPayMin { get; init; }

    /// <summary>Home latitude.</summary>
    [Id(12)]
    public double Lat { get; init; }

    /// <summary>Home longitude.</summary>
    [Id(13)]
    public double Lon { get; init; }

    /// <summary>True when living in a rural area.</summary>
    [Id(14)]
    public bool Rural { get; init; }

    /// <summary>Kinds of work the seeker is available for. Default: full time.</summary>
    [Id(15)]
    public WorkKind Availability { get; init; } = WorkKind.FullTime;

    /// <summary>Typed-in key groups; the derived ones are dropped.</summary>
    [Id(16)]
    public KeyGroups KeyGroups { get; init; }

    /// <summary>
    /// The Domain's seeker for validation: the one place a registration becomes a <see cref="Seeker"/> (the grain and the
    /// HTTP layer's early checks both use it). <paramref name="idCard"/> and <paramref name="occupations"/> are the parsed
    /// forms of <see cref="IdNumber"/> and <see cref="Occupations"/> (the caller reports what did not parse).
    /// </summary>
    public Seeker ToDomain(string id, IdCardNumber? idCard, IReadOnlyList<OccupationCode> occupations) => new()
    {
        Id = id,
        Name = Name,
        IdCard = idCard,
        Phone = Phone,
        BirthDate = BirthDate,
        Gender = Gender,
        Education = Education,
        Skills = Skills,
        Occupations = occupations,
        ExpectedPayMin = ExpectedPayMin,
        Location = new GeoPoint(Lat, Lon),
        Rural = Rural,
        Availability = Availability,
        KeyGroups = KeyGroups,
    };
}
