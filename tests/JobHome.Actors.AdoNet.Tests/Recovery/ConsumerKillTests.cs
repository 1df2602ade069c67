using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using JobHome.Actors.AdoNet.ConsumerHost;
using JobHome.Actors.AdoNet.Tests.Fixtures;
using JobHome.Actors.Storage;
using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace JobHome.Actors.AdoNet.Tests.Recovery;

/// <summary>
/// 100,000 numbered events flow into an aggregating consumer that runs as a real child process and is killed with
/// SIGKILL several times mid-stream: after recovery the aggregate holds every event exactly once, and poison events sit
/// in the dead letters after the maximum attempts. Progress is read from the database, never guessed by sleeping.
/// </summary>
public abstract class ConsumerKillTests<TFixture>(TFixture fixture, ITestOutputHelper output)
    where TFixture : StorageFixture
{
    private const int Total = 100_000;
    private const int Streams = 20;
    private const int MaxAttempts = 3;
    private static readonly int[] PoisonAfter = [12_345, 50_000, 77_777];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    protected abstract string ProviderName { get; }

    [Fact]
    public async Task Consumer_KilledFiveTimesMidStream_AppliesEveryEventExactlyOnce()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var connectionString = await fixture.CreateDatabaseAsync();
        var provider = fixture.CreateProvider(connectionString);
        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync(timeout.Token);
        var log = provider.GetRequiredService<IStreamLog>();
        var storage = provider.GetRequiredService<IGrainStorage>();
        var ns = $"site-events-{Guid.NewGuid():N}";
        var consumer = "township-aggregator";

        var producer = Task.Run(() => ProduceAsync(log, ns, timeout.Token), timeout.Token);
        var positions = Total + PoisonAfter.Length;
        var kills = 0;
        ConsumerProcess? running = null;
        try
        {
            foreach (var fraction in new[] { 0.1, 0.3, 0.5, 0.7, 0.9 })
            {
                running = ConsumerProcess.Start(ProviderName, connectionString, ns, consumer, Total, MaxAttempts);
                var threshold = (long)(positions * fraction);
                while (await log.GetCheckpointAsync(consumer, ns, timeout.Token) < threshold)
                {
                    Assert.False(running.Process.HasExited, $"consumer exited early:\n{running.Output}");
                    await Task.Delay(5, timeout.Token);
                }

                running.Process.Kill(entireProcessTree: true); // SIGKILL on Linux: no cleanup, no flush.
                await running.Process.WaitForExitAsync(timeout.Token);
                kills++;
                var midway = AggregateState.Parse((await storage.ReadAsync(Key(consumer), timeout.Token))?.Payload);
                Assert.True(midway.Count < Total, $"the consumer finished before kill {kills}; the test proved nothing");
                output.WriteLine($"kill {kills} at checkpoint ≥ {threshold}: aggregate count {midway.Count}");
                running.Dispose();
                running = null;
            }

            await producer;
            running = ConsumerProcess.Start(ProviderName, connectionString, ns, consumer, Total, MaxAttempts);
            await running.Process.WaitForExitAsync(timeout.Token);
            Assert.True(running.Process.ExitCode == 0, $"consumer failed:\n{running.Output}");
        }
        finally
        {
            if (running is { Process.HasExited: false })
            {
                running.Process.Kill(entireProcessTree: true);
            }

            running?.Dispose();
        }

        var state = AggregateState.Parse((await storage.ReadAsync(Key(consumer), timeout.Token))!.Payload);
        Assert.Equal(5, kills);
        Assert.Equal(Total, state.Count);
        Assert.Equal(0, state.AppliedTwice);
        Assert.Equal((long)Total * (Total - 1) / 2, state.Sum);
        Assert.All(Enumerable.Range(0, Total), v => Assert.True((state.Seen[v / 8] & (1 << (v % 8))) != 0, $"event {v} missing"));

        var letters = await log.ReadDeadLettersAsync(ns, 100, timeout.Token);
        Assert.Equal(PoisonAfter.Length, letters.Count);
        // A kill between counting the last failure and dead-lettering costs one more attempt after restart (at least once).
        Assert.All(letters, l => Assert.InRange(l.Attempts, MaxAttempts, MaxAttempts + kills));
        Assert.Equal([-1, -2, -3], letters.Select(l => BinaryPrimitives.ReadInt32LittleEndian(l.Event.Payload)));
    }

    private static GrainStateKey Key(string consumer) => new(ConsumerHost.Program.GrainType, consumer, ConsumerHost.Program.StateName);

    /// <summary>Appends events 0 … Total-1 over the streams in batches, with poison events (negative) at fixed points.</summary>
    private static async Task ProduceAsync(IStreamLog log, string ns, CancellationToken cancellationToken)
    {
        const int batchSize = 250;
        var next = 0;
        var poison = 0;
        while (next < Total)
        {
            var batch = new List<StreamAppend>(batchSize + 1);
            for (var i = 0; i < batchSize && next < Total; i++, next++)
            {
                if (poison < PoisonAfter.Length && next == PoisonAfter[poison])
                {
                    batch.Add(Event(ns, poison, -(poison + 1)));
                    poison++;
                }

                batch.Add(Event(ns, next % Streams, next));
            }

            await log.AppendAsync(batch, cancellationToken);
        }
    }

    private static StreamAppend Event(string ns, int stream, int value)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(payload, value);
        return new StreamAppend(new StreamId(ns, $"site-{stream:D2}"), payload);
    }

    /// <summary>The consumer host as a child process with its output captured for failure messages.</summary>
    private sealed class ConsumerProcess : IDisposable
    {
        private readonly StringBuilder _output = new();

        private ConsumerProcess(Process process)
        {
            Process = process;
        }

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

        public static ConsumerProcess Start(string provider, string connectionString, string ns, string consumer, int total, int maxAttempts)
        {
            var host = Path.Combine(AppContext.BaseDirectory, "JobHome.Actors.AdoNet.ConsumerHost.dll");
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { host, provider, connectionString, ns, consumer, $"{total}", "200", "2", $"{maxAttempts}" })
            {
                info.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = info };
            var started = new ConsumerProcess(process);
            process.OutputDataReceived += (_, e) => started.Append(e.Data);
            process.ErrorDataReceived += (_, e) => started.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return started;
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
