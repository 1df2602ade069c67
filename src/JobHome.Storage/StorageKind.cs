namespace JobHome.Storage;

/// <summary>Where the cluster keeps its durable state.</summary>
public enum StorageKind
{
    /// <summary>One SQLite file under the data folder; one silo, localhost clustering; no set-up.</summary>
    Embedded,

    /// <summary>PostgreSQL through Orleans' ADO.NET providers (clustering, persistence, reminders, streams).</summary>
    Postgres,
}
