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
/// A restart on a storage that offers batched reads (<see cref="IGrainStateBatchReader"/>, as the embedded SQLite store
/// does): seekers registered in four cells, the silo stopped, a new silo on the same file whose storage counts its reads;
/// every partition is activated together. The rebuild lists the site from its directory's stored rows and reads every
/// record through batched reads (not one seeker, household or post read row by row), never more batches in flight than
/// the limiter's <see cref="RebuildReadLimiter.BatchLimit"/>, and every partition ends holding exactly its cell's
/// unemployed seekers (the employed ones are read and left out).
/// </summary>
public sealed class PartitionRebuildBatchReadTests : IAsyncLifetime
{
    private const int Cells = 4;
    private const int SeekersPerCell = 30;
    // Two batched reads at once (32 / 16).
    private const int ReadsInFlight = 32;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobhome-rebuild-batch-" + Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Rebuild_OnABatchReadingStorage_ReadsEveryRecordInBatches_BoundedAndExact()
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
                var lat = 24.25 + (0.5 * cell);
                var key = MatchPartitions.KeyOf(lat, 114.75, new MatchingOptions().CellDegrees);
                expected[key] = [];
                for (var i = 0; i < SeekersPerCell; i++)
                {
                    var id = TestNetwork.NewId("rbb");
                    // Every fifth one employed: listed at the site and read, but in no partition.
                    var status = i % 5 == 4 ? LabourStatus.Employed : LabourStatus.Unemployed;
                    var registration = TestNetwork.Registration(new DateOnly(1980 + (i % 20), 3, 1 + cell), status,
                        first.Today.AddDays(-10)) with { Lat = lat, Lon = 114.75 };
                    var result = await first.Client.GetGrain<Grains.People.ISeekerGrain>(id).RegisterAsync(registration);
                    Assert.True(result.Succeeded, string.Join("; ", result.Errors));
                    if (status == LabourStatus.Unemployed)
                    {
                        expected[key].Add(id);
                    }
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
            Assert.Equal(2, limiter.BatchLimit);
            Assert.Equal(0, counter.SingleReads);
            Assert.InRange(counter.PeakBatches, 1, limiter.BatchLimit);
            Assert.InRange(limiter.PeakInFlight, 1, limiter.BatchLimit);
            // Every partition read every listed seeker, in batched reads only.
            var listed = Cells * SeekersPerCell;
            Assert.All(statuses, s => Assert.Equal(listed, s.Read));
            Assert.Equal(Cells * listed, counter.SeekersInBatches);
            // Per partition two batched reads under the limiter: the one site listed from its directory's stored rows (one
            // read of the old state and 16 + 16 shard rows) and the 120 seekers (none of them has a household, no posts).
            Assert.Equal(Cells * 2, limiter.BatchReads);
            Assert.Equal(Cells * (1 + 32 + 1), counter.Batches);
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

    /// <summary>The records' reads: row by row (none expected) and batched (in flight, the most at once, seekers read).</summary>
    private sealed class ReadCounter
    {
        private int _inFlight;
        private int _peak;
        private int _batches;
        private int _seekers;
        private int _single;

        public int PeakBatches => Volatile.Read(ref _peak);

        public int Batches => Volatile.Read(ref _batches);

        public int SeekersInBatches => Volatile.Read(ref _seekers);

        public int SingleReads => Volatile.Read(ref _single);

        public void Single() => Interlocked.Increment(ref _single);

        public async Task<T?[]> BatchAsync<T>(string stateName, int count, Func<Task<T?[]>> read)
            where T : class
        {
            var now = Interlocked.Increment(ref _inFlight);
            int peak;
            while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
            {
            }
            try
            {
                // A slow disk: each batch takes a moment, so unbounded batches would overlap.
                await Task.Delay(20);
                if (stateName == "seeker")
                {
                    Interlocked.Add(ref _seekers, count);
                }
                return await read();
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                Interlocked.Increment(ref _batches);
            }
        }
    }

    /// <summary>Grain storage over the SQLite one that counts record reads, single and batched.</summary>
    private sealed class CountingBatchStorage(IGrainStorage inner, ReadCounter counter) : IGrainStorage, IGrainStateBatchReader
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (stateName is "seeker" or "household" or "post")
            {
                counter.Single();
            }
            return inner.ReadStateAsync(stateName, grainId, grainState);
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);

        public Task<T?[]> ReadStatesAsync<T>(string stateName, IReadOnlyList<GrainId> grainIds, CancellationToken cancellationToken)
            where T : class =>
            counter.BatchAsync(stateName, grainIds.Count,
                // The SQLite storage itself is the batch reader (a failed cast here fails the test).
                () => ((IGrainStateBatchReader)inner).ReadStatesAsync<T>(stateName, grainIds, cancellationToken));
    }

    /// <summary>A silo on the SQLite file at a fixed path; the second one counts record reads.</summary>
    private sealed class RestartCluster(string path, ReadCounter? counter) : ClusterFixture
    {
        protected override void ConfigureStores(ISiloBuilder silo)
        {
            silo.AddJobHomeSqlite(new SqliteStoreOptions { Path = path });
            if (counter is null)
            {
                return;
            }
            silo.Services.AddSingleton(new MatchingOptions { RebuildReadsInFlight = ReadsInFlight });
            var sqlite = silo.Services.Last(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage)
                && Equals(d.ServiceKey, StorageNames.Default));
            var create = sqlite.KeyedImplementationFactory!;
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (sp, key) =>
                new CountingBatchStorage((IGrainStorage)create(sp, key), counter));
        }
    }
}
