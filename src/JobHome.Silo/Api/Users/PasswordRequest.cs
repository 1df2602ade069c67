namespace JobHome.Silo.Api.Users;

/// <summary>Body of <c>POST /api/users/me/password</c> (<c>currentPassword</c> required) and of an admin reset (<c>password</c>).</summary>
internal sealed record PasswordRequest(string? CurrentPassword, string? NewPassword, string? Password);
