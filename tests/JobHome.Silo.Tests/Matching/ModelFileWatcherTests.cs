using System.Text;
using JobHome.Grains.Matching;
using JobHome.Grains.Time;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;
using JobHome.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Silo.Tests.Matching;

/// <summary>The model file watcher alone: what it swaps, what it keeps, what it logs, and its poll on the fake clock.</summary>
public sealed class ModelFileWatcherTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("jobhome-watch-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly ErrorLog _log = new();
    private readonly ModelCatalog _catalog;
    private readonly ModelFileWatcher _watcher;

    public ModelFileWatcherTests()
    {
        _catalog = new ModelCatalog(new ServerClock(_time, new ServerClockOptions()), new AwareListOptions());
        _watcher = new ModelFileWatcher(new ModelReloadOptions { ModelPath = PathOf, PollInterval = Poll }, _catalog, _time, _log);
    }

    private string PathOf => Path.Combine(_dir, "model.json");

    public void Dispose()
    {
        _watcher.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void CheckNow_CorruptThenGoodFile_KeepsOldModelLogsOnceThenSwaps()
    {
        Write(ScoringModel.FromWeights(0.5, 0.1, 0.1, 0.2, 0.1).ToJson());
        Assert.True(_watcher.CheckNow());
        var good = _catalog.Current;

        Write("{ \"version\": 1, \"weights\": { \"pay\": -1 } }");
        Assert.False(_watcher.CheckNow());
        Assert.False(_watcher.CheckNow());

        Assert.Same(good, _catalog.Current);
        var error = Assert.Single(_log.Errors);
        Assert.StartsWith("model file model.json is not a valid model (模型文件无效): ", error, StringComparison.Ordinal);
        Assert.EndsWith($"; keeping model {good.Version}", error, StringComparison.Ordinal);

        Write(ScoringModel.FromWeights(0.1, 0.1, 0.1, 0.6, 0.1).ToJson());
        Assert.True(_watcher.CheckNow());
        Assert.Equal(0.6, _catalog.Current.Linear.Weight(Factor.Distance), 12);
        Assert.Null(_watcher.LastError);
    }

    [Fact]
    public void CheckNow_FileRemoved_KeepsModelAndLogsOnce()
    {
        Write(ScoringModel.Default.ToJson());
        Assert.True(_watcher.CheckNow());
        var generation = _catalog.Generation;

        File.Delete(PathOf);
        Assert.False(_watcher.CheckNow());
        Assert.False(_watcher.CheckNow());

        Assert.Equal(generation, _catalog.Generation);
        Assert.StartsWith("model file model.json cannot be read (模型文件无法读取): ", Assert.Single(_log.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_NewFileAfterInterval_SwapsOnTheFakeClock()
    {
        Write(ScoringModel.Default.ToJson());
        await _watcher.StartAsync(CancellationToken.None);
        Assert.StartsWith("sha256:", _catalog.Current.Version, StringComparison.Ordinal);
        var swapped = new TaskCompletionSource<TwoStageModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        _catalog.Swapped += model => swapped.TrySetResult(model);

        Write(ScoringModel.FromWeights(0.25, 0.25, 0.25, 0.125, 0.125).ToJson());
        _time.Advance(Poll);
        var model = await swapped.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0.125, model.Linear.Weight(Factor.Distance), 12);
        Assert.Same(model, _catalog.Current);
        await _watcher.StopAsync(CancellationToken.None);
    }

    private void Write(string text)
    {
        var temp = PathOf + ".tmp";
        File.WriteAllBytes(temp, Encoding.UTF8.GetBytes(text));
        File.Move(temp, PathOf, overwrite: true);
    }

    /// <summary>Keeps the error messages logged.</summary>
    private sealed class ErrorLog : ILogger<ModelFileWatcher>
    {
        public List<string> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error)
            {
                Errors.Add(formatter(state, exception));
            }
        }
    }
}
