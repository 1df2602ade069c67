namespace JobHome.Silo.Api.Auth;

/// <summary>Body of <c>POST /api/auth/login</c> and <c>/api/auth/token</c>.</summary>
internal sealed record Credentials(string? Username, string? Password);
