namespace JobHome.Cli.Users;

/// <summary>An account as <c>/api/users</c> answers it (never a password or hash).</summary>
internal sealed record UserAccount(string Username, string Role, string? SiteCode, bool Disabled, DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt);
