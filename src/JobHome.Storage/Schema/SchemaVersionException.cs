namespace JobHome.Storage.Schema;

/// <summary>The database's schema is newer than this build knows: an older build must not write to it.</summary>
public sealed class SchemaVersionException(int databaseVersion, int latestVersion)
    : Exception(
        $"The database schema is at version {databaseVersion}, newer than this build knows (up to {latestVersion}). "
        + "A newer JobHome has migrated it: run that version (or newer), or restore a backup taken before the upgrade.")
{
    /// <summary>The version recorded in the database.</summary>
    public int DatabaseVersion { get; } = databaseVersion;

    /// <summary>The highest version this build knows.</summary>
    public int LatestVersion { get; } = latestVersion;
}
