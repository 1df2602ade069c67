namespace JobHome.Storage.Postgres.Streams;

/// <summary>How PostgreSQL stream receivers are woken (LISTEN/NOTIFY) and how often an idle queue is still polled.</summary>
public sealed class PostgresStreamWakeUpOptions
{
    /// <summary>
    /// How long a receiver whose last read found nothing waits for a NOTIFY of its queue before it reads anyway: the slow
    /// poll that recovers rows whose notification was lost, and rows made visible again by their visibility timeout.
    /// Default: 1 s (the pulling agent polled every 100 ms before).
    /// </summary>
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Pause of Orleans' pulling agent between its read loops of a queue (<c>StreamPullingAgentOptions.GetQueueMsgsTimerPeriod</c>);
    /// an idle read waits for a notification, so this is the delay only after a loop that read rows. Default: 10 ms.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Pause before the LISTEN connection is opened again after it failed. Default: 1 s.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
}
