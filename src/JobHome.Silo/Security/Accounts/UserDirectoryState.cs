namespace JobHome.Silo.Security.Accounts;

/// <summary>Stored state of the account directory (version 1).</summary>
[GenerateSerializer, Alias("jobhome.user-directory-state.v1")]
public sealed class UserDirectoryState
{
    /// <summary>Every account, by lower-case name.</summary>
    [Id(0)]
    public Dictionary<string, UserEntry> Users { get; set; } = new(StringComparer.Ordinal);
}
