using System.Diagnostics;
using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Network;

/// <summary>
/// A county aggregator that restarts after an unclean stop asks its townships to report again (a township's villages are
/// its members on the township's stream and report nothing). Here one township's reports never reached the county before
/// the kill (the test silo drops them, <c>--drop-child-reports</c>), so the county's stored totals lack that township
/// until it reports. The township is silent at first (its first ask is dropped before it leaves the county, so the
/// township is not even activated): the county must ask again within its re-ask period (10 s), and must not mark a clean
/// stop while the township has not answered, or the next activation would not ask at all. On the embedded store only: the
/// test waits for the stream queue to drain (a SQLite query) so no redelivered event activates the township behind the
/// county's back.
/// </summary>
public sealed class AggregatorReAskTests(ITestOutputHelper output)
{
    // The first township of NetworkData's tree, and the county above it.
    private const string Silent = "T36072201";
    private const string County = "X360722";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task County_TownshipSilentAfterUncleanStop_AskedAgainByThePeriod_TotalsComplete()
    {
        var data = new NetworkData();
        await using var run = await NetworkRun.StartAsync(NetworkStores.EmbeddedAsync, Deadline, ["--drop-child-reports", Silent]);
        var (county, silent) = await SeedWithSilentTownshipAsync(run, data);

        await run.KillAsync();
        await run.RestartAsync(["--drop-report-asks", $"{silent}:1"]);
        var parent = run.Grains.GetGrain<ISiteIndicatorsGrain>(county);
        var clock = Stopwatch.StartNew();
        var first = await parent.GetCountsAsync();
        Assert.True(first.Employed < 5, $"the silent township's share is already there: {first.Employed} employed");
        await run.Silo.WaitForLineAsync($"ASK {silent} 1 dropped", Settle, run.Token);
        Assert.Equal(0, await ActivationsAsync(run, silent));

        var complete = await UntilCompleteAsync(run, parent);
        output.WriteLine($"county complete after {clock.Elapsed.TotalSeconds:F1} s: {complete.Employed} employed");
        Assert.Contains($"ASK {silent} 2 sent", run.Silo.Output, StringComparison.Ordinal);
        // The second ask is the period at work: without it the county would ask again only when next activated, after
        // its 15-minute idle age, far beyond this run's deadline. No speed is asserted.
    }

    [Fact]
    public async Task County_DeactivatedWhileTownshipSilent_NotMarkedClean_NextActivationAsksAgain()
    {
        var data = new NetworkData();
        await using var run = await NetworkRun.StartAsync(NetworkStores.EmbeddedAsync, Deadline, ["--drop-child-reports", Silent]);
        var (county, silent) = await SeedWithSilentTownshipAsync(run, data);

        await run.KillAsync();
        await run.RestartAsync(["--drop-report-asks", $"{silent}:all"]);
        var parent = run.Grains.GetGrain<ISiteIndicatorsGrain>(county);
        Assert.True((await parent.GetCountsAsync()).Employed < 5);
        // The other township's report is awaited (FlushAsync sends it to the county), so the county holds child totals to
        // write when it stops: a clean-stop flag would be written with them.
        await run.Grains.GetGrain<ISiteIndicatorsGrain>("T36072202").FlushAsync();
        await run.Silo.WaitForLineAsync($"ASK {silent} 1 dropped", Settle, run.Token);
        var management = Management(run);
        Assert.Equal(1, await ActivationsAsync(run, county));
        await management.DeactivateGrain(parent.GetGrainId(), run.Token);
        var deadline = DateTime.UtcNow + Settle;
        while (await ActivationsAsync(run, county) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the county aggregator was not deactivated\n{run.Silo.Output}");
            await Task.Delay(100, run.Token);
        }
        Assert.Equal(0, await ActivationsAsync(run, silent));

        // A clean deactivation behind it; the next activation (a new silo, no asks dropped) must still ask the township.
        await run.KillAsync();
        await run.RestartAsync();
        parent = run.Grains.GetGrain<ISiteIndicatorsGrain>(county);
        var complete = await UntilCompleteAsync(run, parent);
        Assert.Equal(5, complete.Employed);
    }

    private static IManagementGrain Management(NetworkRun run) => run.Grains.GetGrain<IManagementGrain>(0);

    // Activations of a site's aggregator in the cluster (the directory may still name a silo for a deactivated grain).
    private static Task<int> ActivationsAsync(NetworkRun run, string site) =>
        Management(run).GetGrainActivationCount((GrainReference)run.Grains.GetGrain<ISiteIndicatorsGrain>(site));

    // The tree (two townships of one village each), three employed and one unemployed at the first township's village
    // (the township's reports the silo drops), two employed at the second's; returns once both townships counted their
    // villages' records, the county holds the second township only, and the stream queue is empty.
    private static async Task<(string County, string Silent)> SeedWithSilentTownshipAsync(NetworkRun run, NetworkData data)
    {
        await data.RegisterTreeAsync(run.Grains, townships: 2, villagesEach: 1);
        var (silentVillage, other) = (data.Villages[0], data.Villages[1]);
        var silent = Silent;
        var since = NetworkData.Today.AddDays(-20);
        for (var i = 0; i < 3; i++)
        {
            await data.RegisterSeekerAsync(run.Grains, silentVillage, LabourStatus.Employed, since);
        }
        await data.RegisterSeekerAsync(run.Grains, silentVillage, LabourStatus.Unemployed, since);
        await data.RegisterSeekerAsync(run.Grains, other, LabourStatus.Employed, since);
        await data.RegisterSeekerAsync(run.Grains, other, LabourStatus.Employed, since);
        var deadline = DateTime.UtcNow + Settle;
        while (true)
        {
            var township = await run.Grains.GetGrain<ISiteIndicatorsGrain>(silent).GetCountsAsync();
            var parent = await run.Grains.GetGrain<ISiteIndicatorsGrain>(County).GetCountsAsync();
            if (township.Employed == 3 && township.UnemployedBySince.Values.Sum() == 1 && parent.Employed == 2
                && await QueuedEventsAsync(run) == 0)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline,
                $"not settled: township {township.Employed} employed, county {parent.Employed}, queue {await QueuedEventsAsync(run)}");
            await Task.Delay(200, run.Token);
        }
        Assert.Contains($"DROPPED-REPORT {silent}", run.Silo.Output, StringComparison.Ordinal);
        return (County, silent);
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
                $"the county never got the silent township's totals: {counts.Employed} employed\n{run.Silo.Output}");
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
