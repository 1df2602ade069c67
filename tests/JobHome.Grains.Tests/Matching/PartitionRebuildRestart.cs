using System.Diagnostics;
using JobHome.Domain.People;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using JobHome.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Matching;

/// <summary>A silo on the SQLite file at a fixed path (one per restart); its builder adjustable (options, a storage wrapper).</summary>
internal sealed class RestartCluster(string path, Action<ISiloBuilder>? configure = null) : ClusterFixture
{
    protected override void ConfigureStores(ISiloBuilder silo)
    {
        silo.AddJobHomeSqlite(new SqliteStoreOptions { Path = path });
        configure?.Invoke(silo);
    }
}

/// <summary>The restart tests' common steps: seekers registered in cells, a storage wrapper, all partitions rebuilt together.</summary>
internal static class PartitionRebuildRestart
{
    /// <summary>The latitude of test cell <paramref name="cell"/> (cell centres 0.5° apart, near the test village).</summary>
    public static double Lat(int cell) => 24.25 + (0.5 * cell);

    /// <summary>The partition key of test cell <paramref name="cell"/>.</summary>
    public static string Key(int cell) => MatchPartitions.KeyOf(Lat(cell), 114.75, new MatchingOptions().CellDegrees);

    /// <summary>A registration at the test village in cell <paramref name="cell"/>.</summary>
    public static SeekerRegistration Registration(ClusterFixture cluster, int cell, int i, LabourStatus status) =>
        TestNetwork.Registration(new DateOnly(1980 + (i % 20), 3, 1 + cell), status, cluster.Today.AddDays(-10))
            with { Lat = Lat(cell), Lon = 114.75 };

    /// <summary>
    /// Registers <paramref name="perCell"/> seekers in each of <paramref name="cells"/> cells at the test village, with
    /// <paramref name="status"/>(i); returns each cell's partition key with its unemployed seekers (checked live).
    /// </summary>
    public static async Task<Dictionary<string, HashSet<string>>> RegisterInCellsAsync(ClusterFixture cluster, int cells, int perCell,
        Func<int, LabourStatus> status, string prefix)
    {
        await new TestNetwork(cluster).EnsureSitesAsync();
        var expected = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var cell = 0; cell < cells; cell++)
        {
            expected[Key(cell)] = [];
            for (var i = 0; i < perCell; i++)
            {
                var id = TestNetwork.NewId(prefix);
                var result = await cluster.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(Registration(cluster, cell, i, status(i)));
                Assert.True(result.Succeeded, string.Join("; ", result.Errors));
                if (status(i) == LabourStatus.Unemployed)
                {
                    expected[Key(cell)].Add(id);
                }
            }
        }
        foreach (var (key, ids) in expected)
        {
            Assert.Equal(ids.Count, (await cluster.Client.GetGrain<IMatchPartitionGrain>(key).CountsAsync()).Seekers);
        }
        return expected;
    }

    /// <summary>Replaces the silo's default grain storage by <paramref name="wrap"/> of it.</summary>
    public static void WrapStorage(ISiloBuilder silo, Func<IGrainStorage, IGrainStorage> wrap)
    {
        var inner = silo.Services.Last(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage)
            && Equals(d.ServiceKey, StorageNames.Default));
        var create = inner.KeyedImplementationFactory!;
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (sp, key) => wrap((IGrainStorage)create(sp, key)));
    }

    /// <summary>Activates the partitions of <paramref name="keys"/> together (each starts its rebuild); waits until all finished.</summary>
    public static async Task<MatchPartitionRebuildStatus[]> RebuildAsync(IClusterClient client, IEnumerable<string> keys)
    {
        var partitions = keys.Select(k => client.GetGrain<IMatchPartitionGrain>(k)).ToArray();
        var started = await Task.WhenAll(partitions.Select(p => p.RebuildStatusAsync()));
        Assert.All(started, s => Assert.True(s.Rebuilding));
        return await FinishedAsync(partitions);
    }

    /// <summary>Waits until every one of <paramref name="partitions"/> has finished rebuilding; their statuses.</summary>
    public static async Task<MatchPartitionRebuildStatus[]> FinishedAsync(IMatchPartitionGrain[] partitions)
    {
        var deadline = Stopwatch.StartNew();
        MatchPartitionRebuildStatus[] statuses;
        do
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "the rebuilds did not finish within 2 minutes");
            await Task.Delay(50);
            statuses = await Task.WhenAll(partitions.Select(p => p.RebuildStatusAsync()));
        }
        while (statuses.Any(s => s.Rebuilding));
        return statuses;
    }
}
