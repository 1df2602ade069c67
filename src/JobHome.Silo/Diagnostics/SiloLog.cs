using JobHome.Storage;

namespace JobHome.Silo.Diagnostics;

/// <summary>
/// The host's log messages. They name stores by host, port, database or file only: never a connection string (it may
/// hold a password) and never personal data.
/// </summary>
internal static partial class SiloLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Starting silo: storage {Storage}, cluster '{ClusterId}', service '{ServiceId}', "
            + "silo port {SiloPort}, gateway port {GatewayPort}")]
    public static partial void Starting(
        ILogger logger, StorageKind storage, string clusterId, string serviceId, int siloPort, int gatewayPort);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Silo active in the cluster after {Seconds:F1} s")]
    public static partial void Active(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Serving HTTP on {Addresses}")]
    public static partial void Serving(ILogger logger, string addresses);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Stopping: deactivating grains and flushing state (at most {TimeoutSeconds} s)")]
    public static partial void Stopping(ILogger logger, double timeoutSeconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Stopped")]
    public static partial void Stopped(ILogger logger);
}
