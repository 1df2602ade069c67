using JobHome.Domain.People;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Network;

/// <summary>
/// Matching partitions hold their index in memory only. After the silo is killed with SIGKILL and restarted, a query
/// reactivates the partition, which reads the records of the sites it served (listed by the per-site index) from storage:
/// a post's candidates and a seeker's post list come back exactly as before, although no seeker was touched.
/// </summary>
public abstract class PartitionRebuildKillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(1);

    /// <summary>Creates a fresh store for one run.</summary>
    protected abstract Task<INetworkStore> CreateStoreAsync();

    [Fact]
    public async Task Partitions_AfterSiloKilled_RebuiltFromTheRecords()
    {
        await using var run = await NetworkRun.StartAsync(CreateStoreAsync, Deadline);
        var data = new NetworkData();
        var today = NetworkData.Today;
        await data.RegisterTreeAsync(run.Grains, townships: 1, villagesEach: 2);
        var seekers = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            seekers.Add(await data.RegisterSeekerAsync(run.Grains, data.Villages[i % 2], LabourStatus.Unemployed,
                today.AddDays(-10 - i)));
        }
        var employer = await data.RegisterEmployerAsync(run.Grains, data.Villages[0]);
        var post = await data.OpenPostAsync(run.Grains, data.Villages[0], employer, openings: 30);
        await data.OpenPostAsync(run.Grains, data.Villages[1], employer, openings: 2);
        var before = await Candidates(run.Grains, post);
        var listBefore = await PostList(run.Grains, seekers[0]);
        Assert.Equal(20, before.Length);
        Assert.Equal(2, listBefore.Length);

        await run.KillAsync();
        await run.RestartAsync();

        // The post's own activation republishes the post; the seekers stay quiet: only the rebuild brings them back.
        var deadline = DateTime.UtcNow + Settle;
        string[] after;
        while (!(after = await Candidates(run.Grains, post)).SequenceEqual(before))
        {
            Assert.False(run.Silo.HasExited, $"silo exited:\n{run.Silo.Output}");
            Assert.True(DateTime.UtcNow < deadline,
                $"candidates after the restart: {after.Length} of {before.Length} ({string.Join(", ", after)})");
            await Task.Delay(100, run.Token);
        }
        output.WriteLine($"{after.Length} candidates back after the restart");
        Assert.Equal(listBefore, await PostList(run.Grains, seekers[0]));
    }

    private static async Task<string[]> Candidates(IGrainFactory grains, string post) =>
        [.. (await grains.GetGrain<IPostMatchingGrain>(post).GetCandidatesAsync(20))!
            .Select(item => FormattableString.Invariant($"{item.Id}:{item.Score:R}"))];

    private static async Task<string[]> PostList(IGrainFactory grains, string seeker) =>
        [.. (await grains.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(10))!.Items
            .Select(item => FormattableString.Invariant($"{item.Id}:{item.Score:R}"))];
}

/// <summary>The partition rebuild on the embedded SQLite file.</summary>
public sealed class SqlitePartitionRebuildKillTests(ITestOutputHelper output) : PartitionRebuildKillTests(output)
{
    /// <inheritdoc />
    protected override Task<INetworkStore> CreateStoreAsync() => NetworkStores.EmbeddedAsync();
}

/// <summary>The partition rebuild on PostgreSQL.</summary>
public sealed class PostgresPartitionRebuildKillTests(ITestOutputHelper output) : PartitionRebuildKillTests(output)
{
    /// <inheritdoc />
    protected override Task<INetworkStore> CreateStoreAsync() => NetworkStores.PostgresAsync();
}
