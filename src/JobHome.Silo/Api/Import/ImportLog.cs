namespace JobHome.Silo.Api.Import;

/// <summary>Log messages of batch imports and of the demo load (event ids 1100–1109); never personal data.</summary>
internal static partial class ImportLog
{
    /// <summary>A record failed on an infrastructure error and was reported rejected.</summary>
    [LoggerMessage(1100, LogLevel.Warning, "Import: record {Index} of a batch was not stored ({Error}: {Message})")]
    public static partial void RecordFailed(ILogger logger, int index, string error, string message);

    /// <summary>The demo load starts (or resumes).</summary>
    [LoggerMessage(1101, LogLevel.Information,
        "Demo: loading Xinfeng County (信丰县) in the background: {Sites} sites, {Employers} employers, {Seekers} seekers, "
        + "{Households} households, {Posts} posts{Resumed}")]
    public static partial void DemoStarting(ILogger logger, int sites, int employers, int seekers, int households, int posts,
        string resumed);

    /// <summary>Progress of one kind of record of the demo load.</summary>
    [LoggerMessage(1102, LogLevel.Information,
        "Demo: {Kind} {Done}/{Total} ({Created} created, {Existing} already there, {Rejected} rejected)")]
    public static partial void DemoProgress(ILogger logger, string kind, int done, int total, int created, int existing, int rejected);

    /// <summary>The demo load finished.</summary>
    [LoggerMessage(1103, LogLevel.Information, "Demo: Xinfeng County loaded in {Seconds:0.0} s ({Rejected} records rejected)")]
    public static partial void DemoLoaded(ILogger logger, double seconds, int rejected);

    /// <summary>A demo record was rejected (the first few are logged).</summary>
    [LoggerMessage(1104, LogLevel.Warning, "Demo: {Kind} {Id} rejected: {Reason}")]
    public static partial void DemoRejected(ILogger logger, string kind, string id, string reason);

    /// <summary>The demo load failed; the next start resumes it.</summary>
    [LoggerMessage(1105, LogLevel.Error, "Demo: the load stopped ({Error}: {Message}); the next start resumes it")]
    public static partial void DemoFailed(ILogger logger, string error, string message);

    /// <summary>No demo load: why.</summary>
    [LoggerMessage(1106, LogLevel.Information, "Demo: not loaded ({Reason})")]
    public static partial void DemoSkipped(ILogger logger, string reason);
}
