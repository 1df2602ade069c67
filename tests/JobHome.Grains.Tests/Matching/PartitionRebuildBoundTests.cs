using System.Diagnostics;
using JobHome.Domain.People;
using JobHome.Grains.Matching;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using JobHome.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// A restart that makes several partitions rebuild at once: seekers registered in four cells on a SQLite file, the silo
/// stopped, a new silo started on the same file with <see cref="MatchingOptions.RebuildReadsInFlight"/> = 2 and a
/// storage that takes a moment per record read; every partition is activated together. The records' reads in flight on
/// the store never exceed 2 (with 16 per partition unbounded, four partitions would keep up to 64 going), and every
/// partition still ends holding exactly its cell's seekers.
/// </summary>
public sealed class PartitionRebuildBoundTests : IAsyncLifetime
{
    private const int Cells = 4;
    private const int SeekersPerCell = 30;
    private const int Limit = 2;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobhome-rebuild-bound-" + Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ManyPartitionsRebuildingAtOnce_KeepAtMostTheLimitOfReadsInFlight_AndEachEndsExact()
    {
        var path = Path.Combine(_directory, "jobhome.db");
        var expected = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var first = new RestartCluster(path, null);
        await first.InitializeAsync();
        try
        {
            var network = new TestNetwork(first);
            await network.EnsureSitesAsync();
            for (var cell = 0; cell < Cells; cell++)
            {
                // Cell centres 0.5° apart along the latitude, near the test village.
                var lat = 24.25 + (0.5 * cell);
                var key = MatchPartitions.KeyOf(lat, 114.75, new MatchingOptions().CellDegrees);
                expected[key] = [];
                for (var i = 0; i < SeekersPerCell; i++)
                {
                    var id = TestNetwork.NewId("rb");
                    var registration = TestNetwork.Registration(new DateOnly(1980 + (i % 20), 3, 1 + cell), LabourStatus.Unemployed,
                        first.Today.AddDays(-10)) with { Lat = lat, Lon = 114.75 };
                    var result = await first.Client.GetGrain<Grains.People.ISeekerGrain>(id).RegisterAsync(registration);
                    Assert.True(result.Succeeded, string.Join("; ", result.Errors));
                    expected[key].Add(id);
                }
            }
            foreach (var (key, ids) in expected)
            {
                Assert.Equal(ids.Count, (await first.Client.GetGrain<IMatchPartitionGrain>(key).CountsAsync()).Seekers);
            }
        }
        finally
        {
            await first.DisposeAsync();
        }

        var counter = new ReadCounter();
        var second = new RestartCluster(path, counter);
        await second.InitializeAsync();
        try
        {
            // Every partition activates (and starts its rebuild) at once.
            var partitions = expected.Keys.Select(k => second.Client.GetGrain<IMatchPartitionGrain>(k)).ToArray();
            var started = await Task.WhenAll(partitions.Select(p => p.RebuildStatusAsync()));
            Assert.All(started, s => Assert.True(s.Rebuilding));
            var deadline = Stopwatch.StartNew();
            MatchPartitionRebuildStatus[] statuses;
            do
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "the rebuilds did not finish within 2 minutes");
                await Task.Delay(50);
                statuses = await Task.WhenAll(partitions.Select(p => p.RebuildStatusAsync()));
            }
            while (statuses.Any(s => s.Rebuilding));

            var limiter = second.Cluster.Silos[0].ServiceProvider.GetRequiredService<RebuildReadLimiter>();
            Assert.Equal(Limit, limiter.Limit);
            Assert.InRange(counter.Peak, 1, Limit);
            Assert.InRange(limiter.PeakInFlight, 1, Limit);
            // The reads overlapped up to the bound: without it they would have gone past it.
            Assert.Equal(Limit, counter.Peak);
            var listed = expected.Values.Sum(ids => ids.Count);
            Assert.All(statuses, s => Assert.Equal(listed, s.Read));
            Assert.Equal(Cells * listed, counter.Reads);
            foreach (var (key, ids) in expected)
            {
                var status = await second.Client.GetGrain<IMatchPartitionGrain>(key).RebuildStatusAsync();
                Assert.Equal(ids.Count, status.Loaded);
                Assert.Equal(ids.Count, (await second.Client.GetGrain<IMatchPartitionGrain>(key).CountsAsync()).Seekers);
            }
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    /// <summary>Records' reads in flight on the store (seekers, households, posts), the most at once, and the total.</summary>
    private sealed class ReadCounter
    {
        private int _inFlight;
        private int _peak;
        private int _reads;

        public int Peak => Volatile.Read(ref _peak);

        public int Reads => Volatile.Read(ref _reads);

        public async Task CountAsync(Func<Task> read)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int peak;
            while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
            {
            }
            try
            {
                // A slow disk: each record read takes a moment, so unbounded reads would pile up.
                await Task.Delay(2);
                await read();
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                Interlocked.Increment(ref _reads);
            }
        }
    }

    /// <summary>Grain storage that counts the records' reads through <see cref="ReadCounter"/>.</summary>
    private sealed class CountingStorage(IGrainStorage inner, ReadCounter counter) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            stateName is "seeker" or "household" or "post"
                ? counter.CountAsync(() => inner.ReadStateAsync(stateName, grainId, grainState))
                : inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);
    }

    /// <summary>A silo on the SQLite file at a fixed path; the second one bounds rebuild reads and counts them.</summary>
    private sealed class RestartCluster(string path, ReadCounter? counter) : ClusterFixture
    {
        protected override void ConfigureStores(ISiloBuilder silo)
        {
            silo.AddJobHomeSqlite(new SqliteStoreOptions { Path = path });
            if (counter is null)
            {
                return;
            }
            silo.Services.AddSingleton(new MatchingOptions { RebuildReadsInFlight = Limit });
            var sqlite = silo.Services.Last(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage)
                && Equals(d.ServiceKey, StorageNames.Default));
            var create = sqlite.KeyedImplementationFactory!;
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (sp, key) =>
                new CountingStorage((IGrainStorage)create(sp, key), counter));
        }
    }
}
