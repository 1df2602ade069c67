using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Work;
using JobHome.Grains.Bulk;
using JobHome.Grains.Hosting;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Posts;
using JobHome.Matching.Congestion;
using JobHome.Matching.Model;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;
using JobHome.Silo.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Core.Internal;

namespace JobHome.Silo.Tests.Matching;

/// <summary>
/// The re-ranker's context in live post lists: freshness from the post's stored open date (so a partition rebuilt from
/// storage sees the same age) and the seeker's history from its placements. The trees read only context features, each
/// tree adding a distinct power of ten, so a list item's order key says which context values the partition used.
/// </summary>
public sealed class LiveContextTests : IAsyncLifetime
{
    private static readonly string Employer = TestMarket.Employer;
    // 2026-11-20 10:00 in Asia/Shanghai: the posts open that day; the lists are read nine days later.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
    private InMemorySilo _silo = null!;

    private IClusterClient Client => _silo.Client;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = await InMemorySilo.StartAsync(services =>
        {
            services.AddSingleton(new AwareListOptions { Lists = PostListKind.Plain });
            // Only the server clock is fake: Orleans' own timers (the rebuild's steps) run on real time.
            services.AddJobHomeGrains(time: _time);
        });
        var catalog = _silo.GetService<ModelCatalog>();
        Assert.True(catalog.Swap(new TwoStageModel(ScoringModel.FromWeights(0.6, 0.1, 0.1, 0.1, 0.1), ContextTrees(), "context-test"),
            _time.GetUtcNow()));
        await TestSiteTree.RegisterAsync(Client, "R");
        await TestMarket.RegisterEmployerAsync(Client, "VR");
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Freshness_AfterPartitionRebuild_SameAgeFromStoredOpenDate()
    {
        await OpenAsync("fresh-p", "6-25-04-01", WorkKind.FullTime);
        _time.Advance(TimeSpan.FromDays(9));
        var today = new DateOnly(2026, 11, 29);
        Assert.Equal(new DateOnly(2026, 11, 20), (await Client.GetGrain<IPostGrain>("fresh-p").GetAsync())!.Opened);
        var partition = Client.GetGrain<IMatchPartitionGrain>(MatchPartitions.KeyOf(25.4, 114.9, new MatchingOptions().CellDegrees));
        // Asked directly (knownVersion −1: always computed), so no list cached by a seeker grain can answer.
        var seeker = new SeekerMatchRecord("seeker-f", new DateOnly(1990, 4, 2), Gender.Male, EducationLevel.Senior, ["6-25-04"],
            ["焊接"], 5000m, 25.4, 114.9, false, WorkKind.FullTime, KeyGroups.None);

        var before = Assert.Single((await partition.TopPostsAsync(seeker, 10, today, -1, false)).Items!);
        // Nine days old: past the freshness split (4.5 days); no history; popularity is not read by these trees.
        Assert.Equal(1.0, before.OrderKey!.Value, 9);

        await partition.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        MatchPartitionRebuildStatus status;
        do
        {
            status = await partition.RebuildStatusAsync();
        }
        while ((status.Rebuilding || status.Loaded == 0) && DateTime.UtcNow < deadline && await Pause());
        Assert.False(status.Rebuilding);
        Assert.Equal(1, status.Loaded);

        // Without the stored date the rebuilt partition would count the post as first seen today (age 0, key 0).
        var after = Assert.Single((await partition.TopPostsAsync(seeker, 10, today, -1, false)).Items!);
        Assert.Equal("fresh-p", after.Id);
        Assert.Equal(before.OrderKey.Value, after.OrderKey!.Value, 9);
    }

    [Fact]
    public async Task BulkImport_OpenedDate_KeptAndCarriedToPartitionElseImportDay()
    {
        var today = new DateOnly(2026, 11, 20);
        var posts = new[]
        {
            new BulkPost("bulk-dated", Profile("6-25-04-01", WorkKind.FullTime), new DateOnly(2026, 11, 10)),
            new BulkPost("bulk-undated", Profile("6-25-04-01", WorkKind.FullTime)),
        };
        var results = await Client.GetGrain<IBulkSiteImportGrain>("VR").ImportPostsAsync(posts);
        Assert.All(results, r => Assert.Equal(BulkOutcome.Created, r.Outcome));

        Assert.Equal(new DateOnly(2026, 11, 10), (await Client.GetGrain<IPostGrain>("bulk-dated").GetAsync())!.Opened);
        Assert.Equal(today, (await Client.GetGrain<IPostGrain>("bulk-undated").GetAsync())!.Opened);
        var partition = Client.GetGrain<IMatchPartitionGrain>(MatchPartitions.KeyOf(25.4, 114.9, new MatchingOptions().CellDegrees));
        var seeker = new SeekerMatchRecord("seeker-b", new DateOnly(1990, 4, 2), Gender.Male, EducationLevel.Senior, ["6-25-04"],
            ["焊接"], 5000m, 25.4, 114.9, false, WorkKind.FullTime, KeyGroups.None);
        var items = (await partition.TopPostsAsync(seeker, 10, today, -1, false)).Items!;
        // Ten days old: past the freshness split; the undated one opened today.
        Assert.Equal(1.0, Assert.Single(items, i => i.Id == "bulk-dated").OrderKey!.Value, 9);
        Assert.Equal(0.0, Assert.Single(items, i => i.Id == "bulk-undated").OrderKey!.Value, 9);
    }

    [Fact]
    public async Task History_SeekerWithPlacement_LiveListUsesPlacementsAsRerankContext()
    {
        await OpenAsync("hist-old", "6-25-04-01", WorkKind.FullTime);
        await OpenAsync("hist-same", "6-25-04-01", WorkKind.FullTime);
        await OpenAsync("hist-other", "6-25-04-02", WorkKind.PartTime);
        _time.Advance(TimeSpan.FromDays(9));
        await RegisterSeekerAsync("seeker-h");
        var placement = Client.GetGrain<IPlacementGrain>("pl-h1");
        var placed = await placement.PlaceAsync(new PlacementRequest("seeker-h", "hist-old", new DateOnly(2026, 11, 21)));
        Assert.True(placed.Succeeded, string.Join("; ", placed.Errors));
        var ended = await placement.EndAsync(new PlacementEnd(new DateOnly(2026, 11, 25), PlacementEndReason.Completed));
        Assert.True(ended.Succeeded, string.Join("; ", ended.Errors));

        var list = await Client.GetGrain<ISeekerMatchingGrain>("seeker-h").GetPostListAsync(10);
        Assert.NotNull(list);
        var history = new ApplicationHistory();
        history.Add(OccupationCode.Parse("6-25-04-01"), WorkKind.FullTime);
        foreach (var id in new[] { "hist-same", "hist-other" })
        {
            var post = new MatchPost(id, Employer, string.Empty, OccupationCode.Parse(PostOccupation(id)), 2, 6000, 7000,
                new GeoPoint(25.4, 114.9), PostKind(id), EducationLevel.None, null, null, []) { Opened = new DateOnly(2026, 11, 20) };
            var context = RerankContext.For(post, list.AsOf, firstSeen: null, popularity: null, history);
            var item = Assert.Single(list.Items, i => i.Id == id);
            Assert.Equal(Expected(context), item.OrderKey!.Value, 9);
        }
        // One placement; same 4-level occupation and kind for hist-same: every history tree fires.
        Assert.Equal(1111.0, list.Items.Single(i => i.Id == "hist-same").OrderKey!.Value, 9);
        // hist-other shares the minor group (3 levels) and is part-time: only the count tree fires.
        Assert.Equal(11.0, list.Items.Single(i => i.Id == "hist-other").OrderKey!.Value, 9);
    }

    private static string PostOccupation(string id) => id == "hist-other" ? "6-25-04-02" : "6-25-04-01";

    private static WorkKind PostKind(string id) => id == "hist-other" ? WorkKind.PartTime : WorkKind.FullTime;

    // Age > 4.5 days: 1; applications > 0.5: 10; shared occupation depth > 3.5: 100; kind share > 0.5: 1000.
    private static double Expected(RerankContext c) =>
        (c.PostAgeDays > 4.5f ? 1 : 0) + (c.SeekerApplications > 0.5f ? 10 : 0) + (c.HistoryOccupation > 3.5f ? 100 : 0)
        + (c.HistoryKind > 0.5f ? 1000 : 0);

    private static TreeEnsemble ContextTrees() => new(
        [
            Split(RerankFeature.PostAgeDays, 4.5f, 1),
            Split(RerankFeature.SeekerApplications, 0.5f, 10),
            Split(RerankFeature.HistoryOccupation, 3.5f, 100),
            Split(RerankFeature.HistoryKind, 0.5f, 1000),
        ],
        bias: 0,
        baseline: new float[RerankFeatureNames.Count]);

    // value ≤ threshold: leaf 0 (0), else leaf 1 (gain).
    private static RegressionTreeData Split(RerankFeature feature, float threshold, double gain) =>
        new(1.0, [(int)feature], [threshold], [~0], [~1], [0.0, gain]);

    private static async Task<bool> Pause()
    {
        await Task.Delay(50);
        return true;
    }

    private async Task<double> OrderKeyAsync(string seekerId, string postId)
    {
        var list = await Client.GetGrain<ISeekerMatchingGrain>(seekerId).GetPostListAsync(10);
        Assert.NotNull(list);
        return Assert.Single(list.Items, i => i.Id == postId).OrderKey!.Value;
    }

    private static PostProfile Profile(string occupation, WorkKind kind) => TestMarket.WelderPost("VR", occupation, 2, kind);

    private async Task OpenAsync(string id, string occupation, WorkKind kind)
    {
        var opened = await Client.GetGrain<IPostGrain>(id).OpenAsync(Profile(occupation, kind));
        Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
    }

    private async Task RegisterSeekerAsync(string id) =>
        await TestMarket.RegisterAsync(Client, id,
            TestMarket.Welder("VR", id.Length, "6-25-04") with { Availability = WorkKind.FullTime | WorkKind.PartTime });
}
