namespace JobHome.Silo.Security.Accounts;

/// <summary>One line of the account directory.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.user-entry")]
public sealed record UserEntry([property: Id(0)] string Username, [property: Id(1)] string Role, [property: Id(2)] string? SiteCode);
