using JobHome.Grains.Matching;
using JobHome.Matching.Model;

namespace JobHome.Silo.Hosting;

/// <summary>
/// Loads <see cref="ModelReloadOptions.ModelPath"/> at start and polls it (on the injected <see cref="TimeProvider"/>);
/// a new version is swapped into the silo's <see cref="ModelCatalog"/> without a restart. A file that cannot be read or
/// parsed keeps the model in use and logs one error per version of the file (a later good write is picked up).
/// Writers should replace the file atomically (write a temporary file, then rename); a torn read is just such a bad version.
/// </summary>
public sealed partial class ModelFileWatcher(
    ModelReloadOptions options,
    ModelCatalog catalog,
    TimeProvider time,
    ILogger<ModelFileWatcher> logger) : BackgroundService
{
    private (DateTime Written, long Length)? _seen;
    private PeriodicTimer? _timer;
    private readonly Lock _gate = new();

    /// <summary>The last problem with the file (null after a good load or while nothing is configured).</summary>
    public string? LastError { get; private set; }

    /// <summary>When the file was last looked at.</summary>
    public DateTimeOffset? LastCheckedAt { get; private set; }

    /// <summary>The configured path, if any.</summary>
    public string? ModelPath => options.ModelPath;

    /// <summary>Looks at the file once: loads and swaps a new version; returns true when the model changed.</summary>
    public bool CheckNow()
    {
        if (options.ModelPath is not { } path)
        {
            return false;
        }
        lock (_gate)
        {
            return Check(path);
        }
    }

    private bool Check(string path)
    {
        LastCheckedAt = time.GetUtcNow();
        (DateTime, long) stamp;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            stamp = (info.LastWriteTimeUtc, info.Exists ? info.Length : -1);
            if (_seen == stamp)
            {
                return false;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail((DateTime.MinValue, -1), path, $"cannot be read (模型文件无法读取): {ex.Message}");
        }
        TwoStageModel model;
        try
        {
            model = TwoStageModel.Parse(bytes);
        }
        catch (FormatException ex)
        {
            return Fail(stamp, path, $"is not a valid model (模型文件无效): {ex.Message}");
        }
        _seen = stamp;
        LastError = null;
        if (!catalog.Swap(model, time.GetUtcNow()))
        {
            return false;
        }
        LogLoaded(logger, path, model.Version, model.Reranker is null ? "linear" : "linear + re-ranker");
        return true;
    }

    /// <summary>
    /// Loads the file and starts the poll timer before the host goes on starting, so the silo never serves lists of a
    /// model it is about to replace and every later tick of the clock counts.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ModelPath is not null)
        {
            CheckNow();
            _timer = new PeriodicTimer(options.PollInterval, time);
        }
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is not { } timer)
        {
            return;
        }
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                CheckNow();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private bool Fail((DateTime, long) stamp, string path, string problem)
    {
        if (_seen == stamp && LastError is not null)
        {
            return false;
        }
        _seen = stamp;
        LastError = $"model file {Path.GetFileName(path)} {problem}; keeping model {catalog.Current.Version}";
        LogRejected(logger, LastError);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Matching model loaded from {Path}: {Version} ({Stages})")]
    private static partial void LogLoaded(ILogger logger, string path, string version, string stages);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Problem}")]
    private static partial void LogRejected(ILogger logger, string problem);
}
