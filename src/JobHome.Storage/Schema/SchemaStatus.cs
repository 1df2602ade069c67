namespace JobHome.Storage.Schema;

/// <summary>Where a database's schema stands against the scripts this build carries.</summary>
/// <param name="CurrentVersion">The highest version recorded in the database; 0 when it has no schema.</param>
/// <param name="LatestVersion">The highest version this build knows.</param>
public sealed record SchemaStatus(int CurrentVersion, int LatestVersion)
{
    /// <summary>The database holds exactly the schema this build needs.</summary>
    public bool IsCurrent => CurrentVersion == LatestVersion;

    /// <summary>The database was migrated by a newer build; this build must not use it.</summary>
    public bool IsNewer => CurrentVersion > LatestVersion;
}
