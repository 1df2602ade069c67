using Orleans.Concurrency;

namespace JobHome.Silo.Security.Accounts;

/// <summary>The list of accounts (key <see cref="Key"/>), for <c>GET /api/users</c>; rebuilt by adding each account again.</summary>
[Alias("jobhome.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one directory's key.</summary>
    public const string Key = "accounts";

    /// <summary>Adds or replaces an entry (idempotent).</summary>
    [Alias("Put")]
    Task PutAsync(UserEntry entry);

    /// <summary>Every entry, ordered by name.</summary>
    [ReadOnly, Alias("List")]
    Task<UserEntry[]> ListAsync();
}
