namespace JobHome.Silo.Api.Alerts;

/// <summary>The alerts of a site's subtree on <c>asOf</c>, ids only (no personal data).</summary>
public sealed record SiteAlertsResponse(string SiteCode, DateOnly AsOf, HouseholdAlert[] OverdueHouseholds,
    SeekerAlert[] UnemployedOver3MonthsWithoutFollowUp);
