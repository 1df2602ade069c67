using JobHome.Domain.Sites;
using JobHome.Grains.Sites;

namespace JobHome.Silo.Api.Sites;

/// <summary>A site as the API shows it.</summary>
public sealed record SiteResponse(
    string Code,
    string Name,
    string Kind,
    string? ParentCode,
    double Lat,
    double Lon,
    bool Rural,
    int FullTimeStaff,
    int PartTimeStaff,
    int Volunteers,
    string CreationLevel,
    string[] Children)
{
    /// <summary>The response for a stored site.</summary>
    internal static SiteResponse From(SiteView view)
    {
        var p = view.Profile;
        return new SiteResponse(p.Code, p.Name, p.Kind.ToToken(), p.ParentCode, p.Lat, p.Lon, p.Rural, p.FullTimeStaff, p.PartTimeStaff,
            p.Volunteers, p.CreationLevel == Domain.Indicators.CreationLevel.City ? "city" : "county", view.Children);
    }
}
