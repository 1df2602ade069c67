using System.Collections.Concurrent;
using System.Diagnostics;
using JobHome.Cluster.TestGrains;
using JobHome.Cluster.Tests.Support;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Failover;

/// <summary>
/// Three silo processes on one PostgreSQL under a steady load of stream events and grain calls; one is killed with
/// SIGKILL mid-load. Measures the time to the death declaration and to full service, then checks that every
/// acknowledged event was applied exactly once and that a silo restarted with the same name rejoins.
/// </summary>
public sealed class FailoverRun(ITestOutputHelper output, bool fastMembership)
{
    private const int Streams = 10;
    private const int Counters = 200;
    private const int EventsPerTick = 800;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    // After the load, the wait for the streams' backlog: lost events show as a missing count that stops falling; a slow
    // machine (the full suite runs beside this test) as one that still falls. The guarantee is exactly-once, not speed.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(12);

    // What the steps after the drain (counter checks, restart, rejoin) may take.
    private static readonly TimeSpan Rejoin = TimeSpan.FromMinutes(2);

    // Take-over is a guarantee, its speed a measurement: the time from the kill to full service is printed (and recorded in
    // docs/architecture.md from quiet runs); the run fails only when full service has not come back this long after the
    // kill. On the shared 2-core machine running the whole suite a sweep of 200 calls alongside the load can take more
    // than a quiet run's whole take-over.
    private static readonly TimeSpan TakeOverLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan SweepWait = TimeSpan.FromSeconds(15);

    /// <summary>Time from the kill to the survivors' death declaration.</summary>
    public TimeSpan KillToDeclaredDead { get; private set; }

    /// <summary>Time from the kill until every counter grain answers again and events are acknowledged.</summary>
    public TimeSpan KillToFullService { get; private set; }

    /// <summary>Runs the scenario; asserts its guarantees.</summary>
    public async Task RunAsync(TimeSpan before, TimeSpan after, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        var token = timeout.Token;
        var connectionString = await TestPostgres.CreateDatabaseAsync("jobhome_cluster");
        var clusterId = $"failover-{Guid.NewGuid():N}";
        string[] storage = ["--storage", "postgres", "--connection", connectionString, "--cluster-id", clusterId];
        var ports = FreePorts.Take(6);
        var silos = new SiloProcess?[3];
        TestClient? client = null;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos[i] = await SiloProcess.StartAsync($"silo-{i}", storage, ports[2 * i], ports[(2 * i) + 1], fastMembership, token);
            }

            client = await TestClient.ConnectPostgresAsync(connectionString, clusterId, token);
            var grains = client.Client;
            var acked = new ConcurrentBag<long>();
            var published = 0L;
            var increments = new long[Counters];
            var attempts = new long[Counters];
            var failures = 0L;
            using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(token);
            var clock = Stopwatch.StartNew();
            var load = Task.Run(
                async () =>
                {
                    var next = 0L;
                    var inFlight = new List<Task>();
                    while (!stopLoad.IsCancellationRequested)
                    {
                        var tickStart = clock.Elapsed;
                        var ids = Enumerable.Range(0, EventsPerTick).Select(_ => next++).ToArray();
                        Interlocked.Add(ref published, ids.Length);
                        inFlight.Add(PublishAsync(grains, ids, acked, () => Interlocked.Increment(ref failures)));
                        for (var c = 0; c < 20; c++)
                        {
                            var key = (int)((next / EventsPerTick * 20) + c) % Counters;
                            inFlight.Add(IncrementAsync(grains, key, increments, attempts, () => Interlocked.Increment(ref failures)));
                        }

                        inFlight.RemoveAll(t => t.IsCompleted);
                        var wait = Tick - (clock.Elapsed - tickStart);
                        if (wait > TimeSpan.Zero)
                        {
                            await Task.Delay(wait, CancellationToken.None);
                        }
                    }

                    await Task.WhenAll(inFlight);
                },
                CancellationToken.None);

            await Task.Delay(before, token);
            var victim = silos[1]!;
            var victimAddress = await FindSiloAsync(grains, victim.Name, token);
            var beforeKill = acked.Count;
            await victim.KillAsync();
            var killedAt = clock.Elapsed;
            output.WriteLine($"killed {victim.Name} at {killedAt.TotalSeconds:F1} s with {beforeKill} events acknowledged");

            var management = grains.GetGrain<IManagementGrain>(0);
            var declared = Task.Run(
                async () =>
                {
                    while (true)
                    {
                        if (await HostsAsync(management, onlyActive: false) is { } hosts
                            && hosts.TryGetValue(victimAddress, out var status) && status == SiloStatus.Dead)
                        {
                            return clock.Elapsed - killedAt;
                        }

                        await Task.Delay(50, token);
                    }
                },
                token);

            var sweeps = new List<Task<CounterReply>>();

            // Full service: one sweep in which every counter grain answers (grains of the dead silo reactivated
            // elsewhere) and a batch of events is acknowledged.
            var sweepsTried = 0;
            var lastMiss = "none yet";
            while (true)
            {
                token.ThrowIfCancellationRequested();
                Assert.True(clock.Elapsed - killedAt < TakeOverLimit,
                    $"no full service {TakeOverLimit.TotalSeconds:F0} s after the kill: {sweepsTried} sweeps, the last: {lastMiss}");
                sweepsTried++;
                var sweep = Enumerable.Range(0, Counters).Select(k => CountedIncrementAsync(grains, k, increments, attempts)).ToList();
                sweeps.AddRange(sweep);
                try
                {
                    var replies = await Task.WhenAll(sweep).WaitAsync(SweepWait, token);
                    Assert.DoesNotContain(replies, r => r.Silo.Contains(victimAddress.ToString(), StringComparison.Ordinal));
                    await grains.GetGrain<IIngestGrain>(0).ProbeAsync().WaitAsync(SweepWait, token);
                    break;
                }
                catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
                {
                    // Not yet: the dead silo's grains or gateway are still being failed over.
                    lastMiss = $"{e.GetType().Name} after {(clock.Elapsed - killedAt).TotalSeconds:F1} s: {e.Message}";
                }
            }

            KillToFullService = clock.Elapsed - killedAt;
            KillToDeclaredDead = await declared;
            output.WriteLine($"declared dead after {KillToDeclaredDead.TotalSeconds:F1} s, full service after {KillToFullService.TotalSeconds:F1} s ({sweepsTried} sweeps)");

            await Task.Delay(after, token);
            await stopLoad.CancelAsync();
            await load;
            var seconds = clock.Elapsed.TotalSeconds;
            output.WriteLine($"load: {published} events published ({published / seconds:F0}/s), {acked.Count} acknowledged, {failures} failed calls");
            Assert.True(published / seconds >= 2_000, $"load too light: {published / seconds:F0} events/s");

            // The deadline covers start, load and take-over; the drain has its own bounds, then the rest gets a fresh one.
            timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            token.ThrowIfCancellationRequested();
            await AssertExactlyOnceAsync(grains, acked.ToHashSet(), published, connectionString);
            timeout.CancelAfter(Rejoin);
            // Sweep calls abandoned by a timed-out sweep may still land: let every one finish before counting.
            await Task.WhenAll(sweeps.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            for (var k = 0; k < Counters; k++)
            {
                // Acknowledged increments all count; an unacknowledged one may or may not have been applied, never twice.
                var value = (await grains.GetGrain<ICounterGrain>(k).IncrementAsync()).Value - 1;
                Assert.InRange(value, increments[k], attempts[k]);
            }

            silos[1] = await SiloProcess.StartAsync(victim.Name, storage, ports[2], ports[3], fastMembership, token);
            while ((await HostsAsync(management, onlyActive: true))?.Count is not 3)
            {
                await Task.Delay(100, token);
            }

            output.WriteLine($"{victim.Name} restarted and rejoined: 3 active silos");
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }

            foreach (var silo in silos)
            {
                if (silo is not null)
                {
                    await silo.DisposeAsync();
                }
            }

            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task PublishAsync(IClusterClient grains, long[] ids, ConcurrentBag<long> acked, Action failed)
    {
        var events = ids.Select(id => new TallyEvent(id, id / Streams)).ToArray();
        try
        {
            await grains.GetGrain<IIngestGrain>(Random.Shared.Next(64)).PublishAsync(events, Streams);
            foreach (var id in ids)
            {
                acked.Add(id);
            }
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            failed(); // not acknowledged: it may or may not have been applied, never twice
        }
    }

    private static async Task IncrementAsync(IClusterClient grains, int key, long[] increments, long[] attempts, Action failed)
    {
        Interlocked.Increment(ref attempts[key]);
        try
        {
            await grains.GetGrain<ICounterGrain>(key).IncrementAsync();
            Interlocked.Increment(ref increments[key]);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            failed();
        }
    }

    private static async Task<CounterReply> CountedIncrementAsync(IClusterClient grains, int key, long[] increments, long[] attempts)
    {
        Interlocked.Increment(ref attempts[key]);
        var reply = await grains.GetGrain<ICounterGrain>(key).IncrementAsync();
        Interlocked.Increment(ref increments[key]);
        return reply;
    }

    // The management grain may itself have lived on the killed silo: until it is reactivated elsewhere, ask again.
    private static async Task<Dictionary<SiloAddress, SiloStatus>?> HostsAsync(IManagementGrain management, bool onlyActive)
    {
        try
        {
            return await management.GetHosts(onlyActive);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            return null;
        }
    }

    // Asked while three silos run under the load: the management grain's answer can miss the client's response timeout
    // (seen with 15 s in a clean-clone run of the CI script), so the read is asked again, a few times, before the test
    // fails on it.
    private static async Task<SiloAddress> FindSiloAsync(IClusterClient grains, string name, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true, cancellationToken);
                return hosts.Single(h => h.SiloName == name).SiloAddress;
            }
            catch (TimeoutException) when (attempt < 4 && !cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    // Waits until every acknowledged event is applied. Fails as lost when the missing count stops falling for Stall, and
    // as slow when it still falls at DrainLimit; either way with what the stream tables hold (queued, dead-lettered).
    private async Task AssertExactlyOnceAsync(IClusterClient grains, HashSet<long> acked, long published, string connectionString)
    {
        var expectedBySlot = new HashSet<long>[Streams];
        for (var s = 0; s < Streams; s++)
        {
            expectedBySlot[s] = acked.Where(id => id % Streams == s).Select(id => id / Streams).ToHashSet();
        }

        var clock = Stopwatch.StartNew();
        var (fewest, fellAt) = (long.MaxValue, TimeSpan.Zero);
        var rounds = 0;
        while (true)
        {
            long missing = 0;
            var unanswered = 0;
            for (var s = 0; s < Streams; s++)
            {
                try
                {
                    var slots = (await grains.GetGrain<ITallyGrain>(TallyNames.StreamKey(s)).GetSlotsAsync()).Slots.ToHashSet();
                    missing += expectedBySlot[s].Count(slot => !slots.Contains(slot));
                }
                catch (Exception e) when (e is TimeoutException or OperationCanceledException)
                {
                    // A tally busy applying the backlog on a swamped silo (response timeout), or a call that expired
                    // while the tally was being placed after the kill: ask again in the next round.
                    unanswered++;
                    missing += expectedBySlot[s].Count;
                }
            }

            if (missing == 0)
            {
                break;
            }

            if (missing < fewest)
            {
                (fewest, fellAt) = (missing, clock.Elapsed);
            }

            var still = clock.Elapsed - fellAt;
            if (still > Stall || clock.Elapsed > DrainLimit)
            {
                var queued = await TestPostgres.ScalarAsync(connectionString, "SELECT count(*) FROM orleans_stream_message");
                var dead = await TestPostgres.ScalarAsync(connectionString, "SELECT count(*) FROM orleans_stream_dead_letter");
                var verdict = still > Stall ? "none applied since: events were lost" : "still applying: too slow (not lost)";
                Assert.Fail($"{missing} of {acked.Count} acknowledged events not applied {clock.Elapsed.TotalSeconds:F0} s after "
                    + $"the load stopped, the count last fell {still.TotalSeconds:F0} s before, {verdict}; stream tables: "
                    + $"{queued} messages queued, {dead} dead letters");
            }

            if (++rounds % 10 == 1)
            {
                output.WriteLine($"{missing} acknowledged events to apply at {clock.Elapsed.TotalSeconds:F0} s"
                    + (unanswered > 0 ? $" ({unanswered} tallies did not answer in time)" : string.Empty));
            }
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        }

        output.WriteLine($"every acknowledged event applied {clock.Elapsed.TotalSeconds:F1} s after the load stopped");
        for (var s = 0; s < Streams; s++)
        {
            var tally = grains.GetGrain<ITallyGrain>(TallyNames.StreamKey(s));
            // One read: events whose publication failed (not acknowledged) may still be arriving, so a count read in
            // another call than the slots may differ from them by those events (seen in CI: 18,120 against 18,122).
            var (count, slots) = await tally.GetSlotsAsync();
            Assert.Equal(slots.LongLength, count);
            Assert.All(slots, slot => Assert.True((slot * Streams) + s < published, $"stream {s} applied slot {slot}, never published"));
        }
    }
}
