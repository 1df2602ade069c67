namespace JobHome.Silo.Api.Auth;

/// <summary>A bearer token and its lifetime in seconds.</summary>
internal sealed record TokenResponse(string AccessToken, int ExpiresIn);
