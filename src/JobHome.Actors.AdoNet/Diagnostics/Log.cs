using Microsoft.Extensions.Logging;

namespace JobHome.Actors.AdoNet.Diagnostics;

/// <summary>Every log message of the ADO.NET providers (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Storage ready: {Database}, schema version {Version}")]
    public static partial void StorageReady(ILogger logger, string database, int version);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Applied schema script {Version} '{Script}' to {Database}")]
    public static partial void ScriptApplied(ILogger logger, int version, string script, string database);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Storage unavailable: {Database}")]
    public static partial void StorageUnavailable(ILogger logger, Exception exception, string database);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "State write conflict on {GrainType}/{GrainId}/{StateName}: expected ETag {ExpectedEtag}")]
    public static partial void WriteConflict(ILogger logger, string grainType, string grainId, string stateName, string? expectedEtag);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Stream event {Stream} #{Sequence} (position {Position}) failed {Attempts} times for consumer {Consumer}: moved to dead letters")]
    public static partial void DeadLettered(ILogger logger, string consumer, string stream, long sequence, long position, int attempts);
}
