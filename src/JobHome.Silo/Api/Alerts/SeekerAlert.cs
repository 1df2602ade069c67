namespace JobHome.Silo.Api.Alerts;

/// <summary>A seeker unemployed for more than three months with no follow-up (一对一帮扶) since the status began.</summary>
public sealed record SeekerAlert(string SeekerId, string SiteCode, DateOnly UnemployedSince, DateOnly? LastFollowUp);
