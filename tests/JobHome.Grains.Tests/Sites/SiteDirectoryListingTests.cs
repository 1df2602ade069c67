using JobHome.Domain.People;
using JobHome.Grains.Bulk;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Sites;

/// <summary>
/// The rebuild's listing of sites straight from their directories' stored shards equals what the directory grain lists
/// (its seekers and posts, in order), for a site with records, a site without a directory, and, for a directory whose
/// lists are still in its old single state, reports "ask the grain" (null) until the grain moved them to the shards.
/// Once a directory adopted its cell listings the stored listing of a cell is the seekers and posts listed as active in
/// it, as the grain answers; a bulk import undoes that (its records do not list themselves) and refuses an adoption read
/// before it. The listing follows a seeker's placement, end and corrections with every active seeker listed in its cell.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class SiteDirectoryListingTests(SqliteClusterFixture fixture)
{
    [Fact]
    public async Task StoredListing_EqualsTheDirectoryGrainsSeekersAndPosts()
    {
        var network = new TestNetwork(fixture);
        var (villages, _) = await network.RegisterTreeAsync();
        for (var i = 0; i < 40; i++)
        {
            var status = i % 3 == 0 ? LabourStatus.Employed : LabourStatus.Unemployed;
            var registration = TestNetwork.Registration(new DateOnly(1970 + (i % 30), 5, 2), status, fixture.Today.AddDays(-3))
                with { SiteCode = villages[i % 2] };
            Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(TestNetwork.NewId("dl")).RegisterAsync(registration)).Succeeded);
        }
        var code = TestNetwork.NewCreditCode();
        Assert.True((await fixture.Client.GetGrain<Grains.Employers.IEmployerGrain>(code)
            .RegisterAsync(new Grains.Employers.EmployerProfile("信丰电子有限公司", villages[0], 25.4, 114.9))).Succeeded);
        for (var i = 0; i < 3; i++)
        {
            var opened = await fixture.Client.GetGrain<IPostGrain>(TestNetwork.NewId("dlp"))
                .OpenAsync(TestNetwork.Post(code, 2) with { SiteCode = villages[0] });
            Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
        }
        var missing = "VN" + TestNetwork.NewId("x");

        var listed = await SiteDirectoryListing.ReadMatchSourcesAsync(Storage, fixture.Client, [villages[0], missing, villages[1]],
            Cell, CancellationToken.None);

        Assert.Equal(3, listed.Length);
        Assert.All(listed, l => Assert.False(l!.CellListed));
        Assert.Equal(await MatchSourcesOfGrainAsync(villages[0]), listed[0]!.SourceIds);
        Assert.Equal(await MatchSourcesOfGrainAsync(villages[1]), listed[2]!.SourceIds);
        Assert.Equal((await Directory(villages[0]).GetMatchListingAsync(Cell)).SourceIds, listed[0]!.SourceIds);
        Assert.Equal(20 + 3, listed[0]!.SourceIds.Length);
        Assert.Equal(20, listed[2]!.SourceIds.Length);
        Assert.Empty(listed[1]!.SourceIds);
    }

    [Fact]
    public async Task CellListing_OnceAdopted_IsWhatTheStoredRowAndTheGrainList_AndABulkImportUndoesIt()
    {
        var network = new TestNetwork(fixture);
        var (villages, _) = await network.RegisterTreeAsync();
        var site = villages[0];
        var unemployed = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var id = TestNetwork.NewId("dc");
            var status = i % 3 == 0 ? LabourStatus.Employed : LabourStatus.Unemployed;
            var registration = TestNetwork.Registration(new DateOnly(1971 + i, 6, 3), status, fixture.Today.AddDays(-3))
                with { SiteCode = site };
            Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(registration)).Succeeded);
            if (status == LabourStatus.Unemployed)
            {
                unemployed.Add("seeker/" + id);
            }
        }
        var directory = Directory(site);
        var whole = await directory.GetMatchListingAsync(Cell);
        Assert.False(whole.CellListed);
        Assert.Equal(6, whole.SourceIds.Length);

        // An adoption read before a bulk import is refused; one read after it marks the listings complete.
        await fixture.Client.GetGrain<IBulkSiteDirectoryGrain>(site).PutManyAsync(IndicatorSources.Post, ["dc-bulk-post"], []);
        Assert.False(await directory.AdoptCellsAsync(whole.Epoch, [.. unemployed], [.. unemployed.Select(_ => Cell)]));
        Assert.False((await directory.GetMatchListingAsync(Cell)).CellListed);
        var again = await directory.GetMatchListingAsync(Cell);
        Assert.True(await directory.AdoptCellsAsync(again.Epoch, [.. unemployed], [.. unemployed.Select(_ => Cell)]));

        var cell = await directory.GetMatchListingAsync(Cell);
        Assert.True(cell.CellListed);
        Assert.Equal(unemployed.Order(StringComparer.Ordinal), cell.SourceIds);
        var stored = await SiteDirectoryListing.ReadMatchSourcesAsync(Storage, fixture.Client, [site], Cell, CancellationToken.None);
        Assert.Equal(cell, stored[0]! with { SourceIds = cell.SourceIds });
        Assert.Equal(cell.SourceIds, stored[0]!.SourceIds);
        Assert.Empty((await directory.GetMatchListingAsync("g/0/0")).SourceIds);

        // A bulk import writes records that do not list themselves: the site is read whole again.
        await fixture.Client.GetGrain<IBulkSiteDirectoryGrain>(site).PutManyAsync(IndicatorSources.Post, ["dc-bulk-post-2"], []);
        var after = await SiteDirectoryListing.ReadMatchSourcesAsync(Storage, fixture.Client, [site], Cell, CancellationToken.None);
        Assert.False(after[0]!.CellListed);
        Assert.Equal(8, after[0]!.SourceIds.Length);
    }

    [Fact]
    public async Task CellListing_FollowsPlacementsEndsAndCorrections_EveryActiveSeekerListedInItsCell()
    {
        var network = new TestNetwork(fixture);
        var (villages, _) = await network.RegisterTreeAsync();
        var site = villages[0];
        var since = fixture.Today.AddDays(-30);
        async Task<(string Id, SeekerRegistration Registration)> RegisterAsync(LabourStatus status, int n)
        {
            var id = TestNetwork.NewId("cf");
            var registration = TestNetwork.Registration(new DateOnly(1975 + n, 4, 9), status, since) with { SiteCode = site };
            Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(registration)).Succeeded);
            return (id, registration);
        }
        var placed = await RegisterAsync(LabourStatus.Unemployed, 0);
        var employed = await RegisterAsync(LabourStatus.Employed, 1);
        var moving = await RegisterAsync(LabourStatus.Unemployed, 2);
        var directory = Directory(site);
        // Every seeker here listed itself: an adoption with nothing found marks the listings complete.
        Assert.True(await directory.AdoptCellsAsync((await directory.GetMatchListingAsync(Cell)).Epoch, [], []));
        Assert.Equal(Sources(placed.Id, moving.Id), (await directory.GetMatchListingAsync(Cell)).SourceIds);

        // A placement leaves the seeker listed (not active: the rebuild reads and skips it); its end needs no new entry.
        var seeker = fixture.Client.GetGrain<ISeekerRecordGrain>(placed.Id);
        Assert.True((await seeker.PlaceAsync("cf-placement", "cf-post", since.AddDays(1), "4-01-01-01", null)).Result.Succeeded);
        Assert.Equal(Sources(placed.Id, moving.Id), (await directory.GetMatchListingAsync(Cell)).SourceIds);
        Assert.True((await seeker.EndPlacementAsync("cf-placement", since.AddDays(5),
            Domain.Posts.PlacementEndReason.Other)).Result.Succeeded);
        Assert.Equal(Sources(placed.Id, moving.Id), (await directory.GetMatchListingAsync(Cell)).SourceIds);

        // A status corrected to unemployed at the same site and name (no entry call of the registration): listed before
        // its write. A location corrected into another cell: listed there, no longer in this one.
        Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(employed.Id).RegisterAsync(
            employed.Registration with { Status = LabourStatus.Unemployed })).Succeeded);
        var otherLat = employed.Registration.Lat + 1.0;
        var other = Grains.Matching.MatchPartitions.KeyOf(otherLat, 114.94, new Grains.Matching.MatchingOptions().CellDegrees);
        Assert.NotEqual(Cell, other);
        Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(moving.Id).RegisterAsync(
            moving.Registration with { Lat = otherLat })).Succeeded);
        Assert.Equal(Sources(placed.Id, employed.Id), (await directory.GetMatchListingAsync(Cell)).SourceIds);
        Assert.Equal(Sources(moving.Id), (await directory.GetMatchListingAsync(other)).SourceIds);
        var stored = await SiteDirectoryListing.ReadMatchSourcesAsync(Storage, fixture.Client, [site], Cell, CancellationToken.None);
        Assert.True(stored[0]!.CellListed);
        Assert.Equal(Sources(placed.Id, employed.Id), stored[0]!.SourceIds);

        // An entry added without a cell (the HTTP layer's heal of a missing entry) makes the site read in full again.
        await directory.PutSeekerAsync(TestNetwork.NewId("cf"), "王小明");
        Assert.False((await directory.GetMatchListingAsync(Cell)).CellListed);
    }

    private static string[] Sources(params string[] seekerIds) =>
        [.. seekerIds.Select(id => IndicatorSources.Id(IndicatorSources.Seeker, id)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task DirectoryInItsOldState_IsLeftToTheGrain_UntilItMovedItsLists()
    {
        var site = "VO" + TestNetwork.NewId("x");
        var grainId = fixture.Client.GetGrain<ISiteDirectoryGrain>(site).GetGrainId();
        var old = new SiteDirectoryState();
        old.Seekers["old-seeker-1"] = "王小明";
        old.Posts["old-post-1"] = true;
        old.Households["old-household-1"] = true;
        await ((IGrainStorage)Storage).WriteStateAsync("directory", grainId, new GrainState<SiteDirectoryState>(old));

        var before = await SiteDirectoryListing.ReadMatchSourcesAsync(Storage, fixture.Client, [site], Cell, CancellationToken.None);
        Assert.Null(before[0]);

        // The grain's activation moves the old lists to the shards; the stored listing then reads them.
        var fromGrain = await MatchSourcesOfGrainAsync(site);
        Assert.Equal(["post/old-post-1", "seeker/old-seeker-1"], fromGrain);
        var after = await SiteDirectoryListing.ReadMatchSourcesAsync(Storage, fixture.Client, [site], Cell, CancellationToken.None);
        Assert.Equal(fromGrain, after[0]!.SourceIds);
    }

    // The cell of TestNetwork.Registration's place.
    private static readonly string Cell =
        Grains.Matching.MatchPartitions.KeyOf(25.37, 114.94, new Grains.Matching.MatchingOptions().CellDegrees);

    private ISiteDirectoryGrain Directory(string site) => fixture.Client.GetGrain<ISiteDirectoryGrain>(site);

    private IGrainStateBatchReader Storage =>
        (IGrainStateBatchReader)fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    private async Task<string[]> MatchSourcesOfGrainAsync(string site) =>
        [.. (await fixture.Client.GetGrain<ISiteDirectoryGrain>(site).GetSourceIdsAsync())
            .Where(static id => id.StartsWith(IndicatorSources.Seeker + "/", StringComparison.Ordinal)
                || id.StartsWith(IndicatorSources.Post + "/", StringComparison.Ordinal))];
}
