using System.Reflection;
using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// The recount's reader calls are bounded for the whole recount, not per site: however many sites of a level count at
/// once, at most the given number of <see cref="IRecountReaderGrain"/> calls are in flight, each with at most the given
/// number of records. A call lasts its share of every read in flight, so an unbounded fan-out made each call wait for
/// nearly the whole level (on PostgreSQL, past Orleans' response timeout on a loaded machine).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SubtreeRecountLimitTests(MemoryClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_TwoVillagesOfManyBatches_AtMostTheLimitInFlightAcrossSitesAndExact()
    {
        const int perVillage = 5;
        const int batch = 2;
        const int inFlight = 2;
        var network = new TestNetwork(fixture);
        var (villages, ancestors) = await network.RegisterTreeAsync();
        var since = fixture.Today.AddDays(-20);
        foreach (var village in villages)
        {
            var expected = new IndicatorCounts();
            for (var i = 0; i < perVillage; i++)
            {
                var id = await network.RegisterSeekerAsync(LabourStatus.Unemployed, since, siteCode: village);
                var source = IndicatorSources.Grain(fixture.Client, IndicatorSources.Id(IndicatorSources.Seeker, id));
                expected.Apply((await source.GetIndicatorSourceAsync()).Contribution);
            }
            var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
            Assert.True(await aggregator.WaitForOwnCountsAsync(expected, Patience), $"village {village} never held its seekers");
            await aggregator.FlushAsync();
        }
        var readers = new WatchedReaders(inFlight);

        var report = await new SubtreeRecount(WatchedReaders.Factory(fixture.Client, readers), batch, inFlight)
            .RunAsync(ancestors[^1], repair: false);

        Assert.NotNull(report);
        Assert.True(report.Matches, string.Join("; ", report.Differences));
        Assert.Equal(2 * perVillage, report.Records);
        Assert.Equal(2 * perVillage, report.Recounted.UnemployedBySince.Values.Sum());
        // 3 calls of at most 2 records per village; without the recount-wide bound both villages' calls ran together.
        Assert.Equal(2 * ((perVillage + batch - 1) / batch), readers.Calls);
        Assert.Equal(batch, readers.LargestCall);
        Assert.Equal(inFlight, readers.MostInFlight);
    }

    [Theory]
    [InlineData(0, 4, "readBatch")]
    [InlineData(100, 0, "readersInFlight")]
    public void Constructor_NoRecordsPerCallOrNoCallsInFlight_Refused(int batch, int inFlight, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SubtreeRecount(fixture.Client, batch, inFlight));
        Assert.Equal(parameter, error.ParamName);
    }

    /// <summary>
    /// The reader as the recount sees it: each call is counted and held until <c>limit</c> calls are in flight (or a
    /// deadline passes, for a last call that has no partner), so calls that may overlap do overlap, and the most ever in
    /// flight shows the bound.
    /// </summary>
    internal sealed class WatchedReaders(int limit)
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
        private readonly Lock _gate = new();
        private TaskCompletionSource _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public int Calls { get; private set; }

        public int LargestCall { get; private set; }

        public int MostInFlight { get; private set; }

        /// <summary><paramref name="inner"/>, except that its reader grain is watched by <paramref name="readers"/>.</summary>
        public static IGrainFactory Factory(IGrainFactory inner, WatchedReaders readers)
        {
            var factory = DispatchProxy.Create<IGrainFactory, FactoryProxy>();
            ((FactoryProxy)(object)factory).Set(inner, readers);
            return factory;
        }

        public async Task<IndicatorSourceReport[]> ReadAsync(IRecountReaderGrain inner, string siteCode, string[] ids, long[] held)
        {
            Task full;
            lock (_gate)
            {
                Calls++;
                LargestCall = Math.Max(LargestCall, ids.Length);
                MostInFlight = Math.Max(MostInFlight, ++_inFlight);
                if (_inFlight >= limit)
                {
                    _full.TrySetResult();
                }
                full = _full.Task;
            }
            try
            {
                await full.WaitAsync(Deadline);
            }
            catch (TimeoutException)
            {
                // The last call of the recount, alone: it goes on.
            }
            try
            {
                return await inner.ReadAsync(siteCode, ids, held);
            }
            finally
            {
                lock (_gate)
                {
                    if (--_inFlight < limit && _full.Task.IsCompleted)
                    {
                        _full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
        }
    }

    /// <summary>An <see cref="IGrainFactory"/> that hands out a watched reader and passes everything else on.</summary>
    public class FactoryProxy : DispatchProxy
    {
        private IGrainFactory? _inner;
        private WatchedReaders? _readers;

        internal void Set(IGrainFactory inner, WatchedReaders readers) => (_inner, _readers) = (inner, readers);

        /// <inheritdoc />
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            var result = targetMethod.Invoke(_inner, args);
            return result is IRecountReaderGrain reader ? new WatchedReader(reader, _readers!) : result;
        }
    }

    private sealed class WatchedReader(IRecountReaderGrain inner, WatchedReaders readers) : IRecountReaderGrain
    {
        public Task<IndicatorSourceReport[]> ReadAsync(string[] sourceIds) => inner.ReadAsync(sourceIds);

        public Task<IndicatorSourceReport[]> ReadAsync(string siteCode, string[] sourceIds, long[] heldVersions) =>
            readers.ReadAsync(inner, siteCode, sourceIds, heldVersions);
    }
}
