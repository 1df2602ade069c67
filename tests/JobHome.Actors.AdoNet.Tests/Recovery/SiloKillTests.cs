using System.Diagnostics;
using System.Text;
using System.Text.Json;
using JobHome.Actors.AdoNet.ConsumerHost;
using JobHome.Actors.AdoNet.Tests.Fixtures;
using JobHome.Actors.Storage;
using JobHome.Actors.Streams;
using JobHome.Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace JobHome.Actors.AdoNet.Tests.Recovery;

/// <summary>
/// Through the real runtime: a producer silo (this process) publishes 100,000 uniquely numbered events over 20 streams
/// while a consumer silo in a child process hosts the aggregating grains and is killed with SIGKILL three times.
/// Afterwards the aggregates hold every event exactly once and the poison events are in the dead letters.
/// </summary>
public abstract class SiloKillTests<TFixture>(TFixture fixture, ITestOutputHelper output)
    where TFixture : StorageFixture
{
    private const int Total = 100_000;
    private const int Streams = 20;
    private const int MaxAttempts = 3;
    private static readonly int[] PoisonAt = [12_345, 50_000, 77_777];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    protected abstract string SiloMode { get; }

    [Fact]
    public async Task ConsumerSilo_KilledThreeTimesMidStream_AggregatesEveryEventExactlyOnce()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var connectionString = await fixture.CreateDatabaseAsync();
        await using var producer = await new TestClusterBuilder()
            .UseStorage(s => fixture.AddStorage(s, connectionString))
            .BuildAndStartAsync(timeout.Token);
        var log = producer.Services.GetRequiredService<IStreamLog>();
        var storage = producer.Services.GetRequiredService<IGrainStorage>();
        var positions = Total + PoisonAt.Length;

        var publishing = Task.Run(() => PublishAsync(producer.StreamProvider, timeout.Token), timeout.Token);
        var kills = 0;
        Child? child = null;
        try
        {
            foreach (var fraction in new[] { 0.1, 0.4, 0.7 })
            {
                child = Child.Start(SiloMode, connectionString, MaxAttempts);
                var threshold = (long)(positions * fraction);
                await WaitForCheckpointAsync(log, child, threshold, timeout.Token);
                child.Process.Kill(entireProcessTree: true); // SIGKILL
                await child.Process.WaitForExitAsync(timeout.Token);
                kills++;
                var counted = await CountAsync(storage, timeout.Token);
                output.WriteLine($"kill {kills} at checkpoint ≥ {threshold}: aggregated {counted}");
                Assert.True(counted < Total, "the consumer finished before the kill; the test proved nothing");
                child.Dispose();
                child = null;
            }

            await publishing;
            child = Child.Start(SiloMode, connectionString, MaxAttempts);
            await WaitForCheckpointAsync(log, child, positions, timeout.Token);
            child.Process.Kill(entireProcessTree: true);
            await child.Process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (child is { Process.HasExited: false })
            {
                child.Process.Kill(entireProcessTree: true);
            }

            child?.Dispose();
        }

        long count = 0, sum = 0;
        for (var s = 0; s < Streams; s++)
        {
            var state = await ReadStateAsync(storage, $"site-{s:D2}", timeout.Token);
            Assert.Equal(0, state.AppliedTwice);
            Assert.Equal(Total / Streams, state.Count);
            Assert.All(Enumerable.Range(0, Total / Streams), i => Assert.True(state.IsSeen(i), $"site-{s:D2} event {i} missing"));
            count += state.Count;
            sum += state.Sum;
        }

        Assert.Equal(Total, count);
        Assert.Equal((long)Total * (Total - 1) / 2, sum);
        var letters = await log.ReadDeadLettersAsync(AggregatorGrain.Namespace, 100, timeout.Token);
        Assert.Equal(PoisonAt.Length, letters.Count);
        Assert.All(letters, l => Assert.InRange(l.Attempts, MaxAttempts, MaxAttempts + kills));
    }

    private static async Task PublishAsync(IStreamProvider provider, CancellationToken cancellationToken)
    {
        const int chunk = 2_000;
        var poison = 0;
        for (var start = 0; start < Total; start += chunk)
        {
            var appends = new List<Task>();
            for (var s = 0; s < Streams; s++)
            {
                var items = Enumerable.Range(start, chunk).Where(v => v % Streams == s).Select(v => new NumberedEvent(v, v / Streams)).ToList();
                appends.Add(provider.GetStream<NumberedEvent>(AggregatorGrain.Namespace, $"site-{s:D2}").OnNextBatchAsync(items, cancellationToken));
            }

            while (poison < PoisonAt.Length && PoisonAt[poison] < start + chunk)
            {
                poison++;
                appends.Add(provider.GetStream<NumberedEvent>(AggregatorGrain.Namespace, "poison").OnNextAsync(new NumberedEvent(-poison, 0), cancellationToken));
            }

            await Task.WhenAll(appends);
        }
    }

    private static async Task WaitForCheckpointAsync(IStreamLog log, Child child, long position, CancellationToken cancellationToken)
    {
        while (await log.GetCheckpointAsync(AggregatorGrain.GrainType, AggregatorGrain.Namespace, cancellationToken) < position)
        {
            Assert.False(child.Process.HasExited, $"consumer silo exited:\n{child.Output}");
            await Task.Delay(5, cancellationToken);
        }
    }

    private static async Task<long> CountAsync(IGrainStorage storage, CancellationToken cancellationToken)
    {
        long count = 0;
        for (var s = 0; s < Streams; s++)
        {
            count += (await ReadStateAsync(storage, $"site-{s:D2}", cancellationToken)).Count;
        }

        return count;
    }

    private static async Task<AggregatorState> ReadStateAsync(IGrainStorage storage, string key, CancellationToken cancellationToken)
    {
        var record = await storage.ReadAsync(new GrainStateKey(AggregatorGrain.GrainType, key, AggregatorGrain.StateName), cancellationToken);
        return record is null
            ? new AggregatorState()
            : JsonSerializer.Deserialize<AggregatorState>(record.Payload, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>The consumer silo as a child process with its output captured for failure messages.</summary>
    private sealed class Child : IDisposable
    {
        private readonly StringBuilder _output = new();

        private Child(Process process) => Process = process;

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static Child Start(string mode, string connectionString, int maxAttempts)
        {
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JobHome.Actors.AdoNet.ConsumerHost.dll"));
            info.ArgumentList.Add(mode);
            info.ArgumentList.Add(connectionString);
            info.ArgumentList.Add($"{maxAttempts}");
            var process = new Process { StartInfo = info };
            var child = new Child(process);
            process.OutputDataReceived += (_, e) => child.Append(e.Data);
            process.ErrorDataReceived += (_, e) => child.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        public void Dispose() => Process.Dispose();

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
