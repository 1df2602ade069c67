using JobHome.Domain.People;
using JobHome.Grains.Matching;
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
        Dictionary<string, HashSet<string>> expected;
        var first = new RestartCluster(path);
        await first.InitializeAsync();
        try
        {
            expected = await PartitionRebuildRestart.RegisterInCellsAsync(first, Cells, SeekersPerCell, _ => LabourStatus.Unemployed, "rb");
        }
        finally
        {
            await first.DisposeAsync();
        }

        var counter = new ReadCounter();
        var second = new RestartCluster(path, silo =>
        {
            silo.Services.AddSingleton(new MatchingOptions { RebuildReadsInFlight = Limit });
            PartitionRebuildRestart.WrapStorage(silo, inner => new CountingStorage(inner, counter));
        });
        await second.InitializeAsync();
        try
        {
            var statuses = await PartitionRebuildRestart.RebuildAsync(second.Client, expected.Keys);

            var limiter = second.Cluster.Silos[0].ServiceProvider.GetRequiredService<RebuildReadLimiter>();
            Assert.Equal(Limit, limiter.Limit);
            Assert.InRange(counter.Peak, 1, Limit);
            Assert.InRange(limiter.PeakInFlight, 1, Limit);
            // The reads overlapped up to the bound: without it they would have gone past it.
            Assert.Equal(Limit, counter.Peak);
            // The site has no complete cell listing yet (nothing read it whole since the seekers listed themselves): a
            // partition that asked its directory before another adopted the listings reads all 120, one after only its 30.
            var listed = expected.Values.Sum(ids => ids.Count);
            Assert.All(statuses, s => Assert.Contains(s.Read, new long[] { listed, SeekersPerCell }));
            Assert.All(statuses, s => Assert.Equal(1, s.SitesReadInFull + s.SitesFromCellListing));
            Assert.Equal(statuses.Sum(s => s.Read), counter.Reads);
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
}
