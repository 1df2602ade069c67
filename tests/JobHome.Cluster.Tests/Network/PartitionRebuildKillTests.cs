using JobHome.Cluster.Tests.Support;
using JobHome.Domain.People;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Network;

/// <summary>
/// Matching partitions hold their index in memory only. After the silo is killed with SIGKILL and restarted, a query
/// reactivates the partition, which asks the records of the sites it served (through the per-site index) to republish:
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
        using var timeout = new CancellationTokenSource(Deadline);
        var token = timeout.Token;
        await using var store = await CreateStoreAsync();
        var data = new NetworkData();
        var ports = FreePorts.Take(2);
        var today = NetworkData.Today;
        var silo = await SiloProcess.StartAsync("network", store.SiloArguments, ports[0], ports[1], false, token);
        var client = await store.ConnectAsync(ports[1], token);
        try
        {
            await data.RegisterTreeAsync(client.Client, townships: 1, villagesEach: 2);
            var seekers = new List<string>();
            for (var i = 0; i < 24; i++)
            {
                seekers.Add(await data.RegisterSeekerAsync(client.Client, data.Villages[i % 2], LabourStatus.Unemployed,
                    today.AddDays(-10 - i)));
            }
            var employer = await data.RegisterEmployerAsync(client.Client, data.Villages[0]);
            var post = await data.OpenPostAsync(client.Client, data.Villages[0], employer, openings: 30);
            await data.OpenPostAsync(client.Client, data.Villages[1], employer, openings: 2);
            var before = await Candidates(client, post);
            var listBefore = await PostList(client, seekers[0]);
            Assert.Equal(20, before.Length);
            Assert.Equal(2, listBefore.Length);

            await silo.KillAsync();
            await client.DisposeAsync();
            await silo.DisposeAsync();
            silo = await SiloProcess.StartAsync("network", store.SiloArguments, ports[0], ports[1], false, token);
            client = await store.ConnectAsync(ports[1], token);

            // The post's own activation republishes the post; the seekers stay quiet: only the rebuild brings them back.
            var deadline = DateTime.UtcNow + Settle;
            string[] after;
            while (!(after = await Candidates(client, post)).SequenceEqual(before))
            {
                Assert.False(silo.HasExited, $"silo exited:\n{silo.Output}");
                Assert.True(DateTime.UtcNow < deadline,
                    $"candidates after the restart: {after.Length} of {before.Length} ({string.Join(", ", after)})");
                await Task.Delay(100, token);
            }
            output.WriteLine($"{after.Length} candidates back after the restart");
            Assert.Equal(listBefore, await PostList(client, seekers[0]));
        }
        finally
        {
            await client.DisposeAsync();
            await silo.DisposeAsync();
        }
    }

    private static async Task<string[]> Candidates(TestClient client, string post) =>
        [.. (await client.Client.GetGrain<IPostMatchingGrain>(post).GetCandidatesAsync(20))!
            .Select(item => FormattableString.Invariant($"{item.Id}:{item.Score:R}"))];

    private static async Task<string[]> PostList(TestClient client, string seeker) =>
        [.. (await client.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(10))!.Items
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
