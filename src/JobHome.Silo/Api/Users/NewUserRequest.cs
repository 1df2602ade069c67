namespace JobHome.Silo.Api.Users;

/// <summary>Body of <c>POST /api/users</c>.</summary>
internal sealed record NewUserRequest(string? Username, string? Password, string? Role, string? SiteCode);
