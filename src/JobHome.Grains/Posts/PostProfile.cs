using JobHome.Domain.People;
using JobHome.Domain.Work;

namespace JobHome.Grains.Posts;

/// <summary>A post (岗位) to open or correct: employer, site, occupation, openings, pay, place, kind and requirements.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.post-profile")]
public sealed record PostProfile(
    [property: Id(0)] string SiteCode,
    [property: Id(1)] string EmployerCode,
    [property: Id(2)] string Title,
    [property: Id(3)] string Occupation,
    [property: Id(4)] int Openings,
    [property: Id(5)] decimal PayMin,
    [property: Id(6)] decimal PayMax,
    [property: Id(7)] double Lat,
    [property: Id(8)] double Lon,
    [property: Id(9)] WorkKind Kind)
{
    /// <summary>Minimum education.</summary>
    [Id(10)]
    public EducationLevel MinEducation { get; init; }

    /// <summary>Lowest age, or null.</summary>
    [Id(11)]
    public int? AgeMin { get; init; }

    /// <summary>Highest age, or null.</summary>
    [Id(12)]
    public int? AgeMax { get; init; }

    /// <summary>Required skills.</summary>
    [Id(13)]
    public string[] Skills { get; init; } = [];
}
