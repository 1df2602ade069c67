namespace JobHome.Silo.Api.Alerts;

/// <summary>A zero-employment household older than one month (to be cleared, 动态清零).</summary>
public sealed record HouseholdAlert(string HouseholdId, string SiteCode, DateOnly ZeroEmploymentSince, DateOnly OverdueFrom);
