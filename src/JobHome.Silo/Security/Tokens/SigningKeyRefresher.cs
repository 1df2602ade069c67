namespace JobHome.Silo.Security.Tokens;

/// <summary>Loads the cluster's signing keys when the silo has started and every <see cref="Period"/> after.</summary>
internal sealed class SigningKeyRefresher(
    SigningKeyRing ring,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SigningKeyRefresher> logger) : BackgroundService
{
    /// <summary>How often the keys are reloaded; a rotated key starts signing two periods after it was added.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grains answer once the silo has started (the host starts the silo before it reports started).
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                await ring.RefreshAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SecurityLog.KeyRefreshFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
