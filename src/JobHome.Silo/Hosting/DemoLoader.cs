using System.Diagnostics;
using JobHome.Demo;
using JobHome.Grains.Time;
using JobHome.Silo.Api.Import;

namespace JobHome.Silo.Hosting;

/// <summary>
/// Loads the Xinfeng demo in the background once the host serves (so <c>/health/ready</c> is not held up), through
/// <see cref="ImportService"/> (the code path of <c>POST /api/import/…</c>), logging progress per batch; marks completion
/// with <see cref="DemoMarker"/>. A failure leaves the marker at "loading", so the next start resumes.
/// </summary>
internal sealed class DemoLoader(
    ImportService import,
    SiloHostOptions options,
    DemoMarker.Decision decision,
    ServerClock clock,
    IHostApplicationLifetime lifetime,
    ILogger<DemoLoader> logger) : BackgroundService
{
    /// <summary>Records sent to the import service at a time.</summary>
    public const int BatchSize = 500;

    private const int LoggedRejects = 10;
    private int _rejected;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!decision.Load)
        {
            ImportLog.DemoSkipped(logger, decision.Reason);
            return;
        }
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }
        try
        {
            var started = Stopwatch.GetTimestamp();
            var records = new DemoImportRecords(new DemoOptions(1), clock.Today);
            ImportLog.DemoStarting(logger, records.Sites.Count, records.Employers.Count, records.Seekers.Count, records.Households.Count,
                records.Posts.Count, decision.Resume ? " (resuming)" : string.Empty);
            await LoadAsync("sites", records.Sites, import.SitesAsync, stoppingToken);
            await LoadAsync("employers", records.Employers, import.EmployersAsync, stoppingToken);
            await LoadAsync("seekers", records.Seekers, import.SeekersAsync, stoppingToken);
            await LoadAsync("households", records.Households, import.HouseholdsAsync, stoppingToken);
            await LoadAsync("posts", records.Posts, import.PostsAsync, stoppingToken);
            DemoMarker.Complete(options);
            ImportLog.DemoLoaded(logger, Stopwatch.GetElapsedTime(started).TotalSeconds, _rejected);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            ImportLog.DemoFailed(logger, "stopped", "the host stopped during the load");
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or IOException)
        {
            ImportLog.DemoFailed(logger, e.GetType().Name, e.Message);
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task LoadAsync<T>(string kind, IReadOnlyList<T> records,
        Func<IReadOnlyList<T>, CancellationToken, Task<ImportBatchResponse>> batch, CancellationToken stoppingToken)
    {
        int created = 0, existing = 0, rejected = 0;
        for (var start = 0; start < records.Count; start += BatchSize)
        {
            var slice = records.Skip(start).Take(BatchSize).ToArray();
            var answer = await batch(slice, stoppingToken);
            created += answer.Created;
            existing += answer.Existing;
            rejected += answer.Rejected;
            foreach (var item in answer.Items.Where(i => i.Outcome == ImportOutcome.Rejected))
            {
                if (_rejected++ < LoggedRejects)
                {
                    ImportLog.DemoRejected(logger, kind, item.Id ?? "?",
                        string.Join("; ", item.Errors.Select(e => $"{e.Field}: {e.Problem} [{e.Rule}]")));
                }
            }
            ImportLog.DemoProgress(logger, kind, Math.Min(start + BatchSize, records.Count), records.Count, created, existing, rejected);
        }
    }
}
