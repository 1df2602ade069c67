using JobHome.Domain.People;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Sharding;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// A partition whose cell draws on three sites (the test village and a fresh tree's two villages), one of whose
/// directories still holds its lists in its old single state, through four silos on one SQLite file:
/// 1. seekers registered (in the cell, employed, in the next cell); the third site's directory put back in its old state
///    with no cell listing (as data written before the listings);
/// 2. the first restart reads the three sites whole (the old one through its grain), loads exactly the cell's seekers and
///    has every directory adopt its cell listings;
/// 3. the second restart is held at its first seeker read (a barrier in the storage) while records change: a new seeker
///    in the cell, one moving in from the next cell, one moving out to it, one moving to another site in the cell; then
///    released, the partition holds exactly the cell's seekers;
/// 4. the third restart reads only the three sites' listings of the cell — exactly the cell's seekers, no other record —
///    and holds exactly them.
/// </summary>
public sealed class PartitionRebuildListingTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobhome-rebuild-listing-" + Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task MultiSiteCell_OldStateDirectory_WritesDuringTheRebuild_ListingsStayExact()
    {
        var path = Path.Combine(_directory, "jobhome.db");
        var cell = PartitionRebuildRestart.Key(0);
        var inCell = new HashSet<string>(StringComparer.Ordinal);
        string[] sites;
        // Per site: 4 unemployed in the cell, 2 employed, 2 unemployed in the next cell.
        var registrations = new Dictionary<string, SeekerRegistration>(StringComparer.Ordinal);
        var first = new RestartCluster(path);
        await first.InitializeAsync();
        try
        {
            sites = await ThreeVillagesAsync(first);
            var n = 0;
            foreach (var site in sites)
            {
                for (var i = 0; i < 8; i++)
                {
                    var id = TestNetwork.NewId("rl");
                    var (c, status) = i switch
                    {
                        < 4 => (0, LabourStatus.Unemployed),
                        < 6 => (0, LabourStatus.Employed),
                        _ => (1, LabourStatus.Unemployed),
                    };
                    var registration = PartitionRebuildRestart.Registration(first, c, n++, status) with { SiteCode = site };
                    Assert.True((await first.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(registration)).Succeeded);
                    registrations[id] = registration;
                    if (c == 0 && status == LabourStatus.Unemployed)
                    {
                        inCell.Add(id);
                    }
                }
            }
            Assert.Equal(12, (await first.Client.GetGrain<IMatchPartitionGrain>(cell).CountsAsync()).Seekers);
            await PutBackInOldStateAsync(first, sites[2]);
        }
        finally
        {
            await first.DisposeAsync();
        }

        // 2. No complete listing anywhere: every site read whole, then adopted.
        var second = new RestartCluster(path);
        await second.InitializeAsync();
        try
        {
            var status = (await PartitionRebuildRestart.RebuildAsync(second.Client, [cell]))[0];
            Assert.Equal(3, status.SitesReadInFull);
            Assert.Equal(0, status.SitesFromCellListing);
            Assert.Equal(3 * 8, status.Read);
            Assert.Equal(inCell.Count, status.Loaded);
            Assert.Equal(inCell.Count, (await second.Client.GetGrain<IMatchPartitionGrain>(cell).CountsAsync()).Seekers);
            foreach (var site in sites)
            {
                var listing = await second.Client.GetGrain<ISiteDirectoryGrain>(site).GetMatchListingAsync(cell);
                Assert.True(listing.CellListed);
                var ofSite = inCell.Where(id => registrations[id].SiteCode == site).Select(id => "seeker/" + id);
                Assert.Equal(ofSite.Order(StringComparer.Ordinal), listing.SourceIds);
            }
        }
        finally
        {
            await second.DisposeAsync();
        }

        // 3. Changes while the rebuild waits at its first seeker read.
        var gate = new SeekerReadGate();
        var third = new RestartCluster(path, silo => PartitionRebuildRestart.WrapStorage(silo, inner => new GatedStorage(inner, gate)));
        await third.InitializeAsync();
        try
        {
            var partition = third.Client.GetGrain<IMatchPartitionGrain>(cell);
            Assert.True((await partition.RebuildStatusAsync()).Rebuilding);
            await gate.Reached.Task.WaitAsync(TimeSpan.FromMinutes(1));

            // A new seeker in the cell at the second site.
            var added = TestNetwork.NewId("rl");
            Assert.True((await third.Client.GetGrain<ISeekerGrain>(added).RegisterAsync(
                PartitionRebuildRestart.Registration(third, 0, 90, LabourStatus.Unemployed) with { SiteCode = sites[1] })).Succeeded);
            inCell.Add(added);
            // One moving in from the next cell (first site), one moving out to it (third site, the old-state one).
            var movingIn = registrations.First(r => r.Value.SiteCode == sites[0] && r.Value.Lat == PartitionRebuildRestart.Lat(1)).Key;
            Assert.True((await third.Client.GetGrain<ISeekerGrain>(movingIn).RegisterAsync(
                registrations[movingIn] with { Lat = PartitionRebuildRestart.Lat(0) })).Succeeded);
            inCell.Add(movingIn);
            var movingOut = inCell.First(id => registrations.TryGetValue(id, out var r) && r.SiteCode == sites[2]);
            Assert.True((await third.Client.GetGrain<ISeekerGrain>(movingOut).RegisterAsync(
                registrations[movingOut] with { Lat = PartitionRebuildRestart.Lat(1) })).Succeeded);
            inCell.Remove(movingOut);
            // One of the first site's moving to the second site, in the same cell.
            var movingSite = inCell.First(id => registrations.TryGetValue(id, out var r) && r.SiteCode == sites[0] && id != movingIn);
            Assert.True((await third.Client.GetGrain<ISeekerGrain>(movingSite).RegisterAsync(
                registrations[movingSite] with { SiteCode = sites[1] })).Succeeded);
            // The HTTP layer's move then takes the entry off the site it left (SeekerEndpoints).
            await third.Client.GetGrain<ISiteDirectoryGrain>(sites[0]).RemoveSeekerAsync(movingSite);

            gate.Open.SetResult();
            var status = (await PartitionRebuildRestart.FinishedAsync([partition]))[0];
            Assert.Equal(3, status.SitesFromCellListing);
            Assert.Equal(inCell.Count, (await partition.CountsAsync()).Seekers);
        }
        finally
        {
            gate.Open.TrySetResult();
            await third.DisposeAsync();
        }

        // 4. Only the cell's listings are read: exactly the cell's seekers (the one that left is off its listing).
        var fourth = new RestartCluster(path);
        await fourth.InitializeAsync();
        try
        {
            var status = (await PartitionRebuildRestart.RebuildAsync(fourth.Client, [cell]))[0];
            Assert.Equal(3, status.SitesFromCellListing);
            Assert.Equal(0, status.SitesReadInFull);
            Assert.Equal(0, status.SitesMissed);
            Assert.Equal(inCell.Count, status.Read);
            Assert.Equal(inCell.Count, status.Loaded);
            Assert.Equal(inCell.Count, (await fourth.Client.GetGrain<IMatchPartitionGrain>(cell).CountsAsync()).Seekers);
        }
        finally
        {
            await fourth.DisposeAsync();
        }
    }

    [Fact]
    public async Task UnreadableListings_AreBounded_TheSiteIsLeftOutAndCounted_TheOthersRebuild()
    {
        var path = Path.Combine(_directory, "jobhome.db");
        var cell = PartitionRebuildRestart.Key(0);
        string[] sites;
        var first = new RestartCluster(path);
        await first.InitializeAsync();
        try
        {
            sites = await ThreeVillagesAsync(first);
            var n = 0;
            foreach (var site in sites)
            {
                for (var i = 0; i < 4; i++)
                {
                    var registration = PartitionRebuildRestart.Registration(first, 0, n++, LabourStatus.Unemployed)
                        with { SiteCode = site };
                    Assert.True((await first.Client.GetGrain<ISeekerGrain>(TestNetwork.NewId("ru")).RegisterAsync(registration)).Succeeded);
                }
            }
        }
        finally
        {
            await first.DisposeAsync();
        }

        // Every batched listing fails (the sites are asked through their directories instead), and the third site's
        // directory cannot be read at all (its activation fails): after a few tries that site is left out, counted, kept.
        var broken = new FailingDirectoryStorage.Broken();
        var second = new RestartCluster(path,
            silo => PartitionRebuildRestart.WrapStorage(silo, inner => new FailingDirectoryStorage(inner, broken)));
        await second.InitializeAsync();
        try
        {
            broken.GrainId = second.Client.GetGrain<ISiteDirectoryGrain>(sites[2]).GetGrainId();
            var partition = second.Client.GetGrain<IMatchPartitionGrain>(cell);
            var status = (await PartitionRebuildRestart.RebuildAsync(second.Client, [cell]))[0];
            Assert.Equal(1, status.SitesMissed);
            Assert.Equal(2, status.SitesReadInFull);
            Assert.Equal(8, status.Loaded);
            Assert.Equal(8, (await partition.CountsAsync()).Seekers);
            Assert.Equal(3, status.Sites);
            Assert.True(broken.BatchFailures >= 1);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    // As data written before the shards and the cell listings: the directory's seekers back in its single state (without
    // their cells), its shard rows cleared.
    private static async Task PutBackInOldStateAsync(ClusterFixture cluster, string site)
    {
        var storage = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grainId = cluster.Client.GetGrain<ISiteDirectoryGrain>(site).GetGrainId();
        var old = new GrainState<SiteDirectoryState>(new SiteDirectoryState());
        await storage.ReadStateAsync(SiteDirectoryGrain.StateName, grainId, old);
        old.State ??= new SiteDirectoryState();
        for (var shard = 0; shard < ShardedMap<string>.ShardCount; shard++)
        {
            var row = new GrainState<MapShard<string>>(new MapShard<string>());
            var name = ShardedMap<string>.StateName(SiteDirectoryGrain.SeekersMap, shard);
            await storage.ReadStateAsync(name, grainId, row);
            if (row.RecordExists)
            {
                foreach (var (id, seekerName) in row.State!.Entries)
                {
                    old.State.Seekers[id] = seekerName;
                }
                await storage.ClearStateAsync(name, grainId, row);
            }
        }
        Assert.Equal(8, old.State.Seekers.Count);
        old.State.CellsListed = false;
        await storage.WriteStateAsync(SiteDirectoryGrain.StateName, grainId, old);
    }

    /// <summary>Grain storage whose batched directory reads always fail, and every read of one directory's rows.</summary>
    private sealed class FailingDirectoryStorage(IGrainStorage inner, FailingDirectoryStorage.Broken broken)
        : IGrainStorage, IGrainStateBatchReader
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            stateName.StartsWith("directory", StringComparison.Ordinal) && grainId == broken.GrainId
                ? Task.FromException(new IOException("this directory's rows cannot be read"))
                : inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);

        public Task<T?[]> ReadStatesAsync<T>(string stateName, IReadOnlyList<GrainId> grainIds, CancellationToken cancellationToken)
            where T : class
        {
            if (stateName.StartsWith("directory", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref broken.BatchFailures);
                return Task.FromException<T?[]>(new IOException("batched directory reads fail"));
            }
            return ((IGrainStateBatchReader)inner).ReadStatesAsync<T>(stateName, grainIds, cancellationToken);
        }

        /// <summary>The directory that cannot be read, and the batched reads refused.</summary>
        public sealed class Broken
        {
            public int BatchFailures;

            public GrainId GrainId { get; set; }
        }
    }

    /// <summary>A barrier at the first batched read of seekers: reached (set), then held until opened.</summary>
    private sealed class SeekerReadGate
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Grain storage over the SQLite one whose batched seeker reads wait at the gate.</summary>
    private sealed class GatedStorage(IGrainStorage inner, SeekerReadGate gate) : IGrainStorage, IGrainStateBatchReader
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);

        public async Task<T?[]> ReadStatesAsync<T>(string stateName, IReadOnlyList<GrainId> grainIds, CancellationToken cancellationToken)
            where T : class
        {
            if (stateName == "seeker")
            {
                gate.Reached.TrySetResult();
                await gate.Open.Task;
            }
            return await ((IGrainStateBatchReader)inner).ReadStatesAsync<T>(stateName, grainIds, cancellationToken);
        }
    }

    // The test network's tree on a fresh cluster: its village and two sibling villages, the sites the tests fill.
    private static async Task<string[]> ThreeVillagesAsync(RestartCluster cluster)
    {
        var network = new TestNetwork(cluster);
        await network.EnsureSitesAsync();
        var (villages, _) = await network.RegisterTreeAsync();
        return [TestNetwork.Village, villages[0], villages[1]];
    }
}
