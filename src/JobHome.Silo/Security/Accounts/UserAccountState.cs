namespace JobHome.Silo.Security.Accounts;

/// <summary>Stored state of an account (version 1); the password only as an ASP.NET Core Identity hash.</summary>
[GenerateSerializer, Alias("jobhome.user-account-state.v1")]
public sealed class UserAccountState
{
    /// <summary>The account name as created, null until created.</summary>
    [Id(0)]
    public string? Username { get; set; }

    /// <summary>Identity's password hash (PBKDF2, format v3); never leaves the grain.</summary>
    [Id(1)]
    public string? PasswordHash { get; set; }

    /// <summary>The role.</summary>
    [Id(2)]
    public string Role { get; set; } = string.Empty;

    /// <summary>The site the account is bound to; null for admin.</summary>
    [Id(3)]
    public string? SiteCode { get; set; }

    /// <summary>Disabled accounts cannot sign in and their tokens stop working.</summary>
    [Id(4)]
    public bool Disabled { get; set; }

    /// <summary>Failed sign-ins since the last success.</summary>
    [Id(5)]
    public int FailedSignIns { get; set; }

    /// <summary>Sign-in is refused until then.</summary>
    [Id(6)]
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>When the account was created.</summary>
    [Id(7)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Changes on password change or disable; tokens carry it, so older tokens stop working.</summary>
    [Id(8)]
    public string Stamp { get; set; } = string.Empty;

    /// <summary>
    /// Tokens signed out before they expire (<c>POST /api/auth/logout</c>): token id (<c>jti</c>) → its expiry; entries are
    /// dropped once the token would have expired anyway.
    /// </summary>
    [Id(9)]
    public Dictionary<string, DateTimeOffset> RevokedTokens { get; set; } = [];
}
