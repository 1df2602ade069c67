namespace JobHome.Silo.Security.Accounts;

/// <summary>An account to create; the grain hashes the password.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.new-account")]
public sealed record NewAccount(
    [property: Id(0)] string Username,
    [property: Id(1)] string Password,
    [property: Id(2)] string Role,
    [property: Id(3)] string? SiteCode);
