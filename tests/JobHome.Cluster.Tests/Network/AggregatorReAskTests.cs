using System.Diagnostics;
using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Network;

/// <summary>
/// A township aggregator that restarts after an unclean stop asks its villages to report again. Here one village's
/// reports never reached the township before the kill (the test silo drops them, <c>--drop-child-reports</c>), so the
/// township's stored totals lack that village until the village reports. The village is silent at first (its first ask is
/// dropped before it leaves the township, so the village is not even activated): the township must ask again within its
/// re-ask period (10 s), and must not mark a clean stop while the village has not answered, or the next activation would
/// not ask at all. On the embedded store only: the test waits for the stream queue to drain (a SQLite query) so no
/// redelivered event activates the village behind the township's back.
/// </summary>
public sealed class AggregatorReAskTests(ITestOutputHelper output)
{
    // The first village of NetworkData's tree (township 01, village 01).
    private const string Silent = "V3607220101";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Township_VillageSilentAfterUncleanStop_AskedAgainByThePeriod_TotalsComplete()
    {
        var data = new NetworkData();
        await using var run = await NetworkRun.StartAsync(NetworkStores.EmbeddedAsync, Deadline, ["--drop-child-reports", Silent]);
        var (township, silent) = await SeedWithSilentVillageAsync(run, data);

        await run.KillAsync();
        await run.RestartAsync(["--drop-report-asks", $"{silent}:1"]);
        var parent = run.Grains.GetGrain<ISiteIndicatorsGrain>(township);
        var clock = Stopwatch.StartNew();
        var first = await parent.GetCountsAsync();
        Assert.True(first.Employed < 5, $"the silent village's share is already there: {first.Employed} employed");
        await run.Silo.WaitForLineAsync($"ASK {silent} 1 dropped", Settle, run.Token);
        Assert.Equal(0, await ActivationsAsync(run, silent));

        var complete = await UntilCompleteAsync(run, parent);
        output.WriteLine($"township complete after {clock.Elapsed.TotalSeconds:F1} s: {complete.Employed} employed");
        Assert.Contains($"ASK {silent} 2 sent", run.Silo.Output, StringComparison.Ordinal);
        // The second ask is the period at work: without it the township would ask again only when next activated, after
        // its 15-minute idle age, far beyond this run's deadline. No speed is asserted.
    }

    [Fact]
    public async Task Township_DeactivatedWhileVillageSilent_NotMarkedClean_NextActivationAsksAgain()
    {
        var data = new NetworkData();
        await using var run = await NetworkRun.StartAsync(NetworkStores.EmbeddedAsync, Deadline, ["--drop-child-reports", Silent]);
        var (township, silent) = await SeedWithSilentVillageAsync(run, data);

        await run.KillAsync();
        await run.RestartAsync(["--drop-report-asks", $"{silent}:all"]);
        var parent = run.Grains.GetGrain<ISiteIndicatorsGrain>(township);
        Assert.True((await parent.GetCountsAsync()).Employed < 5);
        // The other village's report is awaited (FlushAsync sends it to the township), so the township holds child
        // totals to write when it stops: a clean-stop flag would be written with them.
        await run.Grains.GetGrain<ISiteIndicatorsGrain>(data.Villages[1]).FlushAsync();
        await run.Silo.WaitForLineAsync($"ASK {silent} 1 dropped", Settle, run.Token);
        var management = Management(run);
        Assert.Equal(1, await ActivationsAsync(run, township));
        await management.DeactivateGrain(parent.GetGrainId(), run.Token);
        var deadline = DateTime.UtcNow + Settle;
        while (await ActivationsAsync(run, township) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the township aggregator was not deactivated\n{run.Silo.Output}");
            await Task.Delay(100, run.Token);
        }
        Assert.Equal(0, await ActivationsAsync(run, silent));

        // A clean deactivation behind it; the next activation (a new silo, no asks dropped) must still ask the village.
        await run.KillAsync();
        await run.RestartAsync();
        parent = run.Grains.GetGrain<ISiteIndicatorsGrain>(township);
        var complete = await UntilCompleteAsync(run, parent);
        Assert.Equal(5, complete.Employed);
    }

    private static IManagementGrain Management(NetworkRun run) => run.Grains.GetGrain<IManagementGrain>(0);

    // Activations of a site's aggregator in the cluster (the directory may still name a silo for a deactivated grain).
    private static Task<int> ActivationsAsync(NetworkRun run, string site) =>
        Management(run).GetGrainActivationCount((GrainReference)run.Grains.GetGrain<ISiteIndicatorsGrain>(site));

    // The tree, three employed and one unemployed at the first village (whose reports the silo drops), two employed at
    // the second; returns once both villages counted their records, the township holds the second village only, and the
    // stream queue is empty.
    private static async Task<(string Township, string Silent)> SeedWithSilentVillageAsync(NetworkRun run, NetworkData data)
    {
        await data.RegisterTreeAsync(run.Grains, townships: 1, villagesEach: 2);
        var (silent, other) = (data.Villages[0], data.Villages[1]);
        Assert.Equal(Silent, silent);
        var since = NetworkData.Today.AddDays(-20);
        for (var i = 0; i < 3; i++)
        {
            await data.RegisterSeekerAsync(run.Grains, silent, LabourStatus.Employed, since);
        }
        await data.RegisterSeekerAsync(run.Grains, silent, LabourStatus.Unemployed, since);
        await data.RegisterSeekerAsync(run.Grains, other, LabourStatus.Employed, since);
        await data.RegisterSeekerAsync(run.Grains, other, LabourStatus.Employed, since);
        var township = "T36072201";
        var deadline = DateTime.UtcNow + Settle;
        while (true)
        {
            var village = await run.Grains.GetGrain<ISiteIndicatorsGrain>(silent).GetCountsAsync();
            var parent = await run.Grains.GetGrain<ISiteIndicatorsGrain>(township).GetCountsAsync();
            if (village.Employed == 3 && village.UnemployedBySince.Values.Sum() == 1 && parent.Employed == 2
                && await QueuedEventsAsync(run) == 0)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline,
                $"not settled: village {village.Employed} employed, township {parent.Employed}, queue {await QueuedEventsAsync(run)}");
            await Task.Delay(200, run.Token);
        }
        Assert.Contains($"DROPPED-REPORT {silent}", run.Silo.Output, StringComparison.Ordinal);
        return (township, silent);
    }

    private static async Task<IndicatorCounts> UntilCompleteAsync(NetworkRun run, ISiteIndicatorsGrain parent)
    {
        var deadline = DateTime.UtcNow + Settle;
        while (true)
        {
            var counts = await parent.GetCountsAsync();
            if (counts.Employed == 5 && counts.UnemployedBySince.Values.Sum() == 1)
            {
                return counts;
            }
            Assert.False(run.Silo.HasExited, $"silo exited:\n{run.Silo.Output}");
            Assert.True(DateTime.UtcNow < deadline,
                $"the township never got the silent village's totals: {counts.Employed} employed\n{run.Silo.Output}");
            await Task.Delay(200, run.Token);
        }
    }

    private static async Task<long> QueuedEventsAsync(NetworkRun run)
    {
        await using var connection = new SqliteConnection($"Data Source={run.Store.EmbeddedDatabase};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(run.Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM stream_queue";
        return (long)(await command.ExecuteScalarAsync(run.Token))!;
    }
}
