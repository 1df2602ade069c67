namespace JobHome.Silo.Api.Dashboard;

/// <summary>The children of a site with their indicators, in code order.</summary>
public sealed record ChildrenIndicatorsResponse(string SiteCode, DateOnly AsOf, ChildIndicatorsItem[] Items);
