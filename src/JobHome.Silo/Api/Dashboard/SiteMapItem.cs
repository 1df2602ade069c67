namespace JobHome.Silo.Api.Dashboard;

/// <summary>A site of a subtree with its place and its own subtree's employment rate (null with no labour force).</summary>
public sealed record SiteMapItem(string Code, string Name, string Kind, string? ParentCode, double Lat, double Lon,
    double? EmploymentRate);
