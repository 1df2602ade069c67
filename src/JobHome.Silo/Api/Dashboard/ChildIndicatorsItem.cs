using JobHome.Silo.Api.Indicators;

namespace JobHome.Silo.Api.Dashboard;

/// <summary>A child site with its subtree indicators (the object of <c>GET /api/indicators/{code}</c>).</summary>
public sealed record ChildIndicatorsItem(string Code, string Name, string Kind, IndicatorsResponse Indicators);
