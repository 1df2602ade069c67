using JobHome.Domain.Geography;
using JobHome.Domain.Indicators;
using JobHome.Domain.Sites;

namespace JobHome.Grains.Sites;

/// <summary>What a site is registered with: code, name, kind, parent, place, staff and creation level.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.site-profile")]
public sealed record SiteProfile(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] SiteKind Kind,
    [property: Id(3)] string? ParentCode,
    [property: Id(4)] double Lat,
    [property: Id(5)] double Lon,
    [property: Id(6)] bool Rural)
{
    /// <summary>Full-time staff (专职).</summary>
    [Id(7)]
    public int FullTimeStaff { get; init; }

    /// <summary>Part-time staff (兼职).</summary>
    [Id(8)]
    public int PartTimeStaff { get; init; }

    /// <summary>Volunteers (志愿者).</summary>
    [Id(9)]
    public int Volunteers { get; init; }

    /// <summary>Whether the site is a city- or county-level creation (sets the village/township targets). Default: county.</summary>
    [Id(10)]
    public CreationLevel CreationLevel { get; init; } = CreationLevel.County;

    /// <summary>The Domain's view of the site, for validation.</summary>
    public Site ToDomain() => new(Code, Name, Kind, ParentCode, new GeoPoint(Lat, Lon), Rural,
        new StaffCounts(FullTimeStaff, PartTimeStaff, Volunteers));
}
