namespace JobHome.Silo.Api.Auth;

/// <summary>Who is signed in: <c>{username, role, siteCode}</c> (siteCode null for admin).</summary>
internal sealed record SessionResponse(string Username, string Role, string? SiteCode);
