namespace JobHome.Silo.Api.Dashboard;

/// <summary>The endpoints the operators' dashboard needs: search, breadcrumbs, card, drill-down, map, breakdowns, history.</summary>
internal static class DashboardEndpoints
{
    /// <summary>Maps the dashboard endpoints onto <paramref name="api"/>.</summary>
    public static void MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Dashboard");
        sites.MapGet("/search", SiteNavigationEndpoints.SearchAsync)
            .WithSummary("Sites across the network whose name contains q or whose code starts with q; exact code first.")
            .Produces<SiteSearchResponse>();
        sites.MapGet("/{code}/path", SiteNavigationEndpoints.PathAsync)
            .WithSummary("Breadcrumbs from the root (province) down to the site.").Produces<SitePathResponse>();
        sites.MapGet("/{code}/card", SiteCardEndpoint.GetAsync)
            .WithSummary("Site card: kind, service level with what is missing for the next, checklist verdict, services.")
            .Produces<SiteCardResponse>();
        sites.MapGet("/{code}/children/indicators", SubtreeEndpoints.ChildrenIndicatorsAsync)
            .WithSummary("The site's children with their subtree indicators.").Produces<ChildrenIndicatorsResponse>();
        sites.MapGet("/{code}/map", SubtreeEndpoints.MapAsync)
            .WithSummary("Every site of the subtree with its coordinates and its own subtree employment rate.")
            .Produces<SiteMapResponse>();
        sites.MapGet("/{code}/occupations", OccupationEndpoint.GetAsync)
            .WithSummary("Openings of open posts and unemployed seekers' intentions by occupation major group (GB/T 6565).")
            .Produces<OccupationsResponse>();
        sites.MapGet("/{code}/export", ExportEndpoint.GetAsync)
            .WithSummary("The children's indicators and the alerts for the weekly dispatch meeting (周调度) as CSV or xlsx.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        api.MapGet("/seekers/{id}/history", SeekerHistoryEndpoint.GetAsync).WithTags("Dashboard")
            .WithSummary("A seeker's labour status history, oldest first.").Produces<StatusHistoryResponse>();
    }
}
