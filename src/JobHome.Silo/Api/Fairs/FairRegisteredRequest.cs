namespace JobHome.Silo.Api.Fairs;

/// <summary>A fair over the registered unemployed seekers and open posts of a site's subtree.</summary>
public sealed record FairRegisteredRequest(string? SiteCode, string? Objective, string? Mode);
