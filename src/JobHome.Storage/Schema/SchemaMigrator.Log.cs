using Microsoft.Extensions.Logging;

namespace JobHome.Storage.Schema;

/// <summary>Log messages of <see cref="SchemaMigrator"/>.</summary>
public sealed partial class SchemaMigrator
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Schema ({Dialect}): applying script {Version} ({Name})")]
    private static partial void LogApplying(ILogger logger, SchemaDialect dialect, int version, string name);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information,
        Message = "Schema ({Dialect}): migrated from version {From} to {To} ({Count} scripts)")]
    private static partial void LogMigrated(ILogger logger, SchemaDialect dialect, int from, int to, int count);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "Schema ({Dialect}): version {Version} is current")]
    private static partial void LogCurrent(ILogger logger, SchemaDialect dialect, int version);
}
