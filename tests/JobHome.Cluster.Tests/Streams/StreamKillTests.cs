using System.Diagnostics;
using JobHome.Cluster.TestGrains;
using JobHome.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Streams;

/// <summary>
/// 100,000 uniquely numbered events go over the durable stream provider into aggregating grains while the silo that
/// consumes them — a real process — is killed with SIGKILL twice and restarted on the same store. Afterwards every
/// acknowledged event is applied exactly once (the consumers dedupe in state written with the aggregate) and a poison
/// event, published alone on a stream of its own, sits in the dead letters instead of being retried for ever.
/// </summary>
public abstract class StreamKillTests(ITestOutputHelper output)
{
    private const int Total = 100_000;
    private const int Streams = 10;
    private const int BatchSize = 1_000;
    private static readonly double[] KillAt = [0.3, 0.7];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);

    // After the last publish, the wait for the consumers: lost events show as a count that stops growing short of the
    // total; a slow machine as a count that still grows when the deadline passes. Both fail, each saying which.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(90);

    /// <summary>Creates a fresh store for one run.</summary>
    protected abstract Task<IStreamKillStore> CreateStoreAsync();

    [Fact]
    public async Task ConsumingSilo_KilledTwiceMidStream_AppliesEveryAcknowledgedEventExactlyOnce()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var token = timeout.Token;
        await using var store = await CreateStoreAsync();
        var ports = FreePorts.Take(2);
        var silo = await SiloProcess.StartAsync("consumer", store.SiloArguments, ports[0], ports[1], false, token);
        var client = await store.ConnectAsync(ports[1], token);
        var clock = Stopwatch.StartNew();
        var pendingAtKills = new List<long>();
        // The providers' warnings about given-up deliveries, from every silo process of the run.
        var deliveryLog = new List<string>();
        try
        {
            var kills = 0;
            var poisonSent = false;
            for (var start = 0; start < Total; start += BatchSize)
            {
                if (kills < KillAt.Length && start >= Total * KillAt[kills])
                {
                    // Read what is applied just before the kill: the rest of what was acknowledged is in flight.
                    var applied = await AppliedAsync(client, token);
                    pendingAtKills.Add(start - applied);
                    output.WriteLine($"kill {kills + 1} after {start} acknowledged, {applied} applied ({clock.Elapsed.TotalSeconds:F1} s)");
                    await silo.KillAsync();
                    deliveryLog.AddRange(DeliveryWarnings(silo));
                    await client.DisposeAsync();
                    await silo.DisposeAsync();
                    silo = await SiloProcess.StartAsync("consumer", store.SiloArguments, ports[0], ports[1], false, token);
                    client = await store.ConnectAsync(ports[1], token);
                    kills++;
                }

                if (!poisonSent && start >= Total / 2)
                {
                    // One poison event mid-run, alone on a stream of its own (the publisher picks stream id % streams:
                    // id Streams of Streams + 1 streams is stream number Streams), so its delivery call holds only
                    // it and the one dead letter the check below expects cannot be another row.
                    var poison = new TallyEvent(Streams, 0, Poison: true);
                    await client.Client.GetGrain<IIngestGrain>(0).PublishAsync([poison], Streams + 1);
                    poisonSent = true;
                }

                var batch = Enumerable.Range(start, BatchSize).Select(id => new TallyEvent(id, id / Streams)).ToArray();
                await client.Client.GetGrain<IIngestGrain>(0).PublishAsync(batch, Streams);
            }

            output.WriteLine($"all {Total} acknowledged at {clock.Elapsed.TotalSeconds:F1} s");
            Assert.True(
                pendingAtKills.Any(p => p > 0),
                $"every kill found the consumers caught up ({string.Join(", ", pendingAtKills)} pending): no kill hit in-flight events");

            long total;
            var (grown, grownAt) = (-1L, clock.Elapsed);
            while ((total = await AppliedAsync(client, CancellationToken.None)) < Total)
            {
                Assert.False(silo.HasExited, $"silo exited:\n{silo.Output}");
                if (total > grown)
                {
                    (grown, grownAt) = (total, clock.Elapsed);
                }
                var still = clock.Elapsed - grownAt;
                Assert.False(
                    still > Stall,
                    $"only {total} of {Total} acknowledged events applied after {clock.Elapsed.TotalSeconds:F0} s and none for "
                        + $"{still.TotalSeconds:F0} s: events were lost");
                Assert.False(
                    timeout.IsCancellationRequested,
                    $"only {total} of {Total} acknowledged events applied after {clock.Elapsed.TotalSeconds:F0} s, the last "
                        + $"{still.TotalSeconds:F0} s ago: still applying, too slow for the deadline (not lost)");
                await Task.Delay(100, CancellationToken.None);
            }

            output.WriteLine($"all applied at {clock.Elapsed.TotalSeconds:F1} s");
            Assert.Equal(Total, total);
            long duplicates = 0;
            for (var s = 0; s < Streams; s++)
            {
                var tally = client.Client.GetGrain<ITallyGrain>(TallyNames.StreamKey(s));
                var snapshot = await tally.GetAsync();
                var expected = Enumerable.Range(0, Total).Where(id => id % Streams == s).ToArray();
                Assert.Equal(expected.Length, snapshot.Count);
                Assert.Equal(expected.Sum(id => (long)id), snapshot.Sum);
                Assert.Equal(expected.Select(id => (long)(id / Streams)), (await tally.GetSlotsAsync()).Slots);
                duplicates += snapshot.Duplicates;
            }

            output.WriteLine($"redeliveries dropped as duplicates: {duplicates}");
            while (await store.CountDeadLettersAsync(CancellationToken.None) < 1)
            {
                Assert.False(timeout.IsCancellationRequested, "the poison event never reached the dead letters");
                await Task.Delay(100, CancellationToken.None);
            }

            var deadLetters = await store.CountDeadLettersAsync(CancellationToken.None);
            deliveryLog.AddRange(DeliveryWarnings(silo));
            var unanswered = deliveryLog.Count(l => l.Contains("given up unanswered", StringComparison.Ordinal));
            var timedOut = deliveryLog.Count(l => l.Contains(TimedOut, StringComparison.Ordinal));
            output.WriteLine($"silo log: {timedOut} lines on calls that timed out (Orleans' response timeout), {unanswered} deliveries "
                + "given up unanswered and delivered again without an attempt counted (the store's failure handler)");
            Assert.True(
                deadLetters == 1,
                $"{deadLetters} dead letters: only the poison event belongs there ({await store.DescribeDeadLettersAsync(CancellationToken.None)})"
                    + $"\n{string.Join("\n", deliveryLog.Where(l => !l.Contains(TimedOut, StringComparison.Ordinal)))}");
            output.WriteLine($"poison dead-lettered at {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await client.DisposeAsync();
            await silo.DisposeAsync();
        }
    }

    // Orleans' response timeout (a delivery attempt the consumer did not answer in time), as it logs it.
    private const string TimedOut = "Response did not arrive on time";

    // The stream providers' warnings about given-up deliveries and dead letters, and the timed-out calls, in a silo's output.
    private static IEnumerable<string> DeliveryWarnings(SiloProcess silo) =>
        silo.Output.Split('\n').Where(l => l.Contains("dead-lettered", StringComparison.Ordinal)
            || l.Contains("given up unanswered", StringComparison.Ordinal)
            || l.Contains(TimedOut, StringComparison.Ordinal)).ToList();

    private static async Task<long> AppliedAsync(TestClient client, CancellationToken cancellationToken)
    {
        var tasks = Enumerable.Range(0, Streams)
            .Select(s => client.Client.GetGrain<ITallyGrain>(TallyNames.StreamKey(s)).GetAsync().WaitAsync(cancellationToken));
        return (await Task.WhenAll(tasks)).Sum(t => t.Count);
    }
}
