namespace JobHome.Silo.Security.Accounts;

/// <summary>An account as shown to admins: never the password hash.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.user-account-view")]
public sealed record UserAccountView(
    [property: Id(0)] string Username,
    [property: Id(1)] string Role,
    [property: Id(2)] string? SiteCode,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] DateTimeOffset? LockedUntil,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] string Stamp);
