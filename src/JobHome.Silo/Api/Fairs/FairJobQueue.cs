using System.Collections.Concurrent;
using System.Threading.Channels;
using JobHome.Grains.Time;
using Microsoft.Extensions.Options;

namespace JobHome.Silo.Api.Fairs;

/// <summary>
/// Runs fair jobs in the background, one at a time per silo, behind a bounded queue. Jobs and their files (in a folder
/// per job under <see cref="FairJobOptions.WorkFolder"/>) are kept for <see cref="FairJobOptions.Retention"/> after they
/// finish, then removed on the next submission or status request; a restart loses them (they are not persisted).
/// </summary>
internal sealed partial class FairJobQueue : BackgroundService
{
    private readonly FairJobOptions _options;
    private readonly IGrainFactory _grains;
    private readonly ServerClock _clock;
    private readonly ILogger<FairJobQueue> _logger;
    private readonly Channel<FairJob> _queue;
    private readonly ConcurrentDictionary<string, FairJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Creates the queue with its limits.</summary>
    public FairJobQueue(IOptions<FairJobOptions> options, IGrainFactory grains, ServerClock clock, ILogger<FairJobQueue> logger)
    {
        _options = options.Value;
        _grains = grains;
        _clock = clock;
        _logger = logger;
        _queue = Channel.CreateBounded<FairJob>(new BoundedChannelOptions(Math.Max(1, _options.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Root = _options.WorkFolder ?? Path.Combine(Path.GetTempPath(), "jobhome-fairs", Environment.ProcessId.ToString(
            System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The folder holding one subfolder per job.</summary>
    public string Root { get; }

    /// <summary>The limits in force.</summary>
    public FairJobOptions Options => _options;

    /// <summary>A new, empty folder for job <paramref name="id"/>.</summary>
    public string NewFolder(string id)
    {
        var folder = Path.Combine(Root, id);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Queues the job; false when the queue is full (the caller removes the job's folder).</summary>
    public bool TrySubmit(FairJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Sweep();
        _jobs[job.Id] = job;
        if (_queue.Writer.TryWrite(job))
        {
            LogQueued(_logger, job.Id, job.SiteCode ?? "(upload)");
            return true;
        }
        _jobs.TryRemove(job.Id, out _);
        return false;
    }

    /// <summary>The job with <paramref name="id"/>, or null (unknown or expired).</summary>
    public FairJob? Find(string id)
    {
        Sweep();
        return _jobs.GetValueOrDefault(id);
    }

    /// <summary>Removes a folder that never became a job (refused submission).</summary>
    public static void Discard(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing to remove.
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var summary = await FairPipeline.RunAsync(job, _grains, _options.RecommendationsPerSeeker, () => _clock.Now, stoppingToken);
                if (summary is not null)
                {
                    LogDone(_logger, job.Id, summary.Offers, summary.Seconds);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                job.Fail("the silo stopped while the fair was running (服务停止)", _clock.Now);
                throw;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                job.Fail($"the fair could not be completed (招聘会匹配失败): {e.Message}", _clock.Now);
                LogFailed(_logger, e, job.Id);
            }
        }
    }

    /// <summary>Forgets finished jobs older than the retention and deletes their folders.</summary>
    private void Sweep()
    {
        var now = _clock.Now;
        foreach (var job in _jobs.Values)
        {
            if (job.FinishedAt is { } finished && now - finished > _options.Retention && _jobs.TryRemove(job.Id, out _))
            {
                Discard(job.Folder);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fair {FairId} queued for {Source}")]
    private static partial void LogQueued(ILogger logger, string fairId, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fair {FairId} done: {Offers} offers in {Seconds} s")]
    private static partial void LogDone(ILogger logger, string fairId, int offers, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fair {FairId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string fairId);
}
