using JobHome.Domain.People;
using JobHome.Grains.Matching;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// Restarts on a storage that offers batched reads (<see cref="IGrainStateBatchReader"/>, as the embedded SQLite store
/// does): seekers registered in four cells (every fifth employed), the silo stopped, a new silo on the same file; every
/// partition is activated together. The first restart finds the site without complete cell listings, reads it whole and
/// has its directory adopt them; the second, on a storage that counts its reads, lists the site from the one stored row
/// of its cell and reads exactly its cell's unemployed seekers, through batched reads only (not one seeker, household or
/// post read row by row), never more batches in flight than the limiter's <see cref="RebuildReadLimiter.BatchLimit"/>.
/// Both times every partition ends holding exactly its cell's unemployed seekers.
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
    public async Task Rebuild_OnABatchReadingStorage_ReadsOnlyItsCellsListing_InBatches_BoundedAndExact()
    {
        var path = Path.Combine(_directory, "jobhome.db");
        Dictionary<string, HashSet<string>> expected;
        var first = new RestartCluster(path);
        await first.InitializeAsync();
        try
        {
            // Every fifth one employed: listed at the site, in no cell.
            expected = await PartitionRebuildRestart.RegisterInCellsAsync(first, Cells, SeekersPerCell,
                i => i % 5 == 4 ? LabourStatus.Employed : LabourStatus.Unemployed, "rbb");
        }
        finally
        {
            await first.DisposeAsync();
        }

        // No complete listing yet: the site is read whole (all 120, employed included), then adopted.
        var second = new RestartCluster(path);
        await second.InitializeAsync();
        try
        {
            var statuses = await PartitionRebuildRestart.RebuildAsync(second.Client, expected.Keys);
            Assert.Contains(statuses, s => s.SitesReadInFull == 1 && s.Read == Cells * SeekersPerCell);
            await AssertExactAsync(second, expected);
        }
        finally
        {
            await second.DisposeAsync();
        }

        var counter = new ReadCounter();
        var third = new RestartCluster(path, silo =>
        {
            silo.Services.AddSingleton(new MatchingOptions { RebuildReadsInFlight = ReadsInFlight });
            PartitionRebuildRestart.WrapStorage(silo, inner => new CountingBatchStorage(inner, counter));
        });
        await third.InitializeAsync();
        try
        {
            var statuses = await PartitionRebuildRestart.RebuildAsync(third.Client, expected.Keys);

            var limiter = third.Cluster.Silos[0].ServiceProvider.GetRequiredService<RebuildReadLimiter>();
            Assert.Equal(2, limiter.BatchLimit);
            Assert.Equal(0, counter.SingleReads);
            Assert.InRange(counter.PeakBatches, 1, limiter.BatchLimit);
            Assert.InRange(limiter.PeakInFlight, 1, limiter.BatchLimit);
            // Every partition read only its cell's listed seekers (the employed ones are in no listing), in batched reads.
            Assert.All(statuses, s => Assert.Equal(1, s.SitesFromCellListing));
            Assert.All(statuses, s => Assert.Equal(0, s.SitesReadInFull));
            foreach (var (key, ids) in expected)
            {
                var status = await third.Client.GetGrain<IMatchPartitionGrain>(key).RebuildStatusAsync();
                Assert.Equal(ids.Count, status.Read);
            }
            Assert.Equal(expected.Values.Sum(ids => ids.Count), counter.SeekersInBatches);
            // Per partition two batched reads under the limiter: the site's listing (its directory's state row and its 16
            // seeker and 16 post shard rows, whose entries carry the cells) and its seekers (none of them has a household,
            // no posts).
            Assert.Equal(Cells * 2, limiter.BatchReads);
            Assert.Equal(Cells * (1 + 2 * global::JobHome.Grains.Sharding.ShardedMap<string>.ShardCount + 1), counter.Batches);
            await AssertExactAsync(third, expected);
        }
        finally
        {
            await third.DisposeAsync();
        }
    }

    private static async Task AssertExactAsync(ClusterFixture cluster, Dictionary<string, HashSet<string>> expected)
    {
        foreach (var (key, ids) in expected)
        {
            var status = await cluster.Client.GetGrain<IMatchPartitionGrain>(key).RebuildStatusAsync();
            Assert.Equal(ids.Count, status.Loaded);
            Assert.Equal(ids.Count, (await cluster.Client.GetGrain<IMatchPartitionGrain>(key).CountsAsync()).Seekers);
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
}
