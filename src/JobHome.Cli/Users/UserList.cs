namespace JobHome.Cli.Users;

/// <summary>The answer of <c>GET /api/users</c>.</summary>
internal sealed record UserList(UserAccount[] Items);
