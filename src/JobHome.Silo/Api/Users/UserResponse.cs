using JobHome.Silo.Security.Accounts;

namespace JobHome.Silo.Api.Users;

/// <summary>An account as the API shows it: never a password or its hash.</summary>
internal sealed record UserResponse(string Username, string Role, string? SiteCode, bool Disabled, DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt)
{
    /// <summary>The response for <paramref name="view"/>.</summary>
    public static UserResponse From(UserAccountView view) =>
        new(view.Username, view.Role, view.SiteCode, view.Disabled, view.LockedUntil, view.CreatedAt);
}
