using Microsoft.Extensions.Logging;

namespace JobHome.Actors.Diagnostics;

/// <summary>Source-generated log messages of the runtime.</summary>
internal static partial class ActorsLog
{
    [LoggerMessage(1, LogLevel.Debug, "Activated {Activation}")]
    public static partial void Activated(ILogger logger, string activation);

    [LoggerMessage(2, LogLevel.Warning, "Activation of {Activation} failed")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, string activation);

    [LoggerMessage(3, LogLevel.Debug, "Deactivated {Activation} ({Reason})")]
    public static partial void Deactivated(ILogger logger, string activation, DeactivationReason reason);

    [LoggerMessage(4, LogLevel.Warning, "OnDeactivateAsync of {Activation} failed")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, string activation);

    [LoggerMessage(5, LogLevel.Error, "A continuation on {Activation} failed")]
    public static partial void ContinuationFailed(ILogger logger, Exception exception, string activation);

    [LoggerMessage(6, LogLevel.Warning, "A timer tick of {Activation} failed")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string activation);

    [LoggerMessage(7, LogLevel.Warning, "Reminder {Reminder} of {Grain} failed")]
    public static partial void ReminderFailed(ILogger logger, Exception exception, string grain, string reminder);

    [LoggerMessage(8, LogLevel.Warning, "Delivery of {Stream}#{Sequence} to {Consumer} failed (attempt {Attempt} of {MaxAttempts})")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string consumer, string stream, long sequence, int attempt, int maxAttempts);

    [LoggerMessage(9, LogLevel.Error, "Dead-lettered {Stream}#{Sequence} for {Consumer} after {Attempts} attempts")]
    public static partial void DeadLettered(ILogger logger, string consumer, string stream, long sequence, int attempts);

    [LoggerMessage(10, LogLevel.Error, "Stream agent {Consumer} on {Namespace} failed; retrying after the poll interval")]
    public static partial void AgentFailed(ILogger logger, Exception exception, string consumer, string @namespace);

    [LoggerMessage(11, LogLevel.Information, "Silo started with {GrainClasses} grain classes, {Agents} stream agents, {Reminders} reminders")]
    public static partial void SiloStarted(ILogger logger, int grainClasses, int agents, int reminders);

    [LoggerMessage(12, LogLevel.Information, "Silo stopped; {Activations} activations deactivated")]
    public static partial void SiloStopped(ILogger logger, int activations);

    [LoggerMessage(13, LogLevel.Error, "Stream publish batch of {Count} events failed")]
    public static partial void PublishFailed(ILogger logger, Exception exception, int count);
}
