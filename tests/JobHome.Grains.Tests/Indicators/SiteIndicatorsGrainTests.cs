using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Sites;
using JobHome.Grains.Employers;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Posts;
using JobHome.Grains.Sites;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Orleans.Streams;

namespace JobHome.Grains.Tests.Indicators;

[Collection(ClusterCollection.Name)]
public sealed class SiteIndicatorsGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Aggregates_AfterRandomChanges_EveryTierEqualsRecount()
    {
        var tree = await RegisterTreeAsync();
        var random = new Random(20260310);
        var today = fixture.Today;
        var seekers = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            var status = (LabourStatus)random.Next(3);
            var registration = TestNetwork.Registration(new DateOnly(1980, 1, 1).AddDays(random.Next(5000)), status,
                today.AddDays(-random.Next(200)),
                random.Next(3) == 0 ? KeyGroups.HardToEmploy : KeyGroups.None) with { SiteCode = tree.Villages[i % 2] };
            var id = TestNetwork.NewId("sk");
            Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(registration)).Succeeded);
            seekers.Add(id);
        }
        var households = new List<string>();
        for (var h = 0; h < 4; h++)
        {
            var id = TestNetwork.NewId("hh");
            var village = tree.Villages[h % 2];
            var members = seekers.Where((_, i) => i % 2 == h % 2).Skip(h / 2 * 3).Take(3).ToArray();
            Assert.True((await fixture.Client.GetGrain<IHouseholdGrain>(id).RegisterAsync(new HouseholdRegistration(village,
                members))).Succeeded);
            households.Add(id);
        }
        var posts = new List<string>();
        foreach (var village in tree.Villages)
        {
            var code = TestNetwork.NewCreditCode();
            Assert.True((await fixture.Client.GetGrain<IEmployerGrain>(code).RegisterAsync(new EmployerProfile("某厂", village,
                25.3, 114.9))).Succeeded);
            var postId = TestNetwork.NewId("post");
            Assert.True((await fixture.Client.GetGrain<IPostGrain>(postId).OpenAsync(TestNetwork.Post(code,
                4) with { SiteCode = village })).Succeeded);
            posts.Add(postId);
        }
        var placements = new List<string>();
        for (var i = 0; i < 14; i++)
        {
            var id = TestNetwork.NewId("pl");
            var result = await fixture.Client.GetGrain<IPlacementGrain>(id).PlaceAsync(
                new PlacementRequest(seekers[random.Next(seekers.Count)], posts[random.Next(posts.Count)],
                    today.AddDays(-random.Next(10))));
            if (result.Succeeded)
            {
                placements.Add(id);
            }
        }
        foreach (var id in placements.Where((_, i) => i % 2 == 0))
        {
            Assert.True((await fixture.Client.GetGrain<IPlacementGrain>(id).EndAsync(new PlacementEnd(today,
                PlacementEndReason.Resigned))).Succeeded);
        }
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(posts[1]).CloseAsync()).Succeeded);

        var recount = await RecountAsync(seekers, households, posts);
        foreach (var village in tree.Villages)
        {
            Assert.True(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).WaitForOwnCountsAsync(recount[village], Patience));
            await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).FlushAsync();
        }

        var all = new IndicatorCounts();
        all.Add(recount[tree.Villages[0]]);
        all.Add(recount[tree.Villages[1]]);
        foreach (var code in tree.Ancestors)
        {
            Assert.Equal(all, await fixture.Client.GetGrain<ISiteIndicatorsGrain>(code).GetCountsAsync());
        }
        var province = await fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[^1]).GetAsync();
        var expected = all.Snapshot(tree.Ancestors[^1], fixture.Today);
        Assert.Equal((expected.Employed, expected.Unemployed, expected.UnemployedOver3Months, expected.ZeroEmploymentHouseholds,
            expected.OpenPosts, expected.Openings, expected.Placements),
            (province.Employed, province.Unemployed, province.UnemployedOver3Months, province.ZeroEmploymentHouseholds,
                province.OpenPosts, province.Openings, province.Placements));
        Assert.True(expected.Placements > 0);

        // Counts are rebuilt from the stored entries: a fresh activation of every tier says the same.
        // Twice: the second activation reads what the first wrote back (a report to the parent writes the state).
        for (var round = 0; round < 2; round++)
        {
            foreach (var code in tree.Villages.Concat(tree.Ancestors))
            {
                await fixture.Cluster.DeactivateAsync(fixture.Client.GetGrain<ISiteIndicatorsGrain>(code));
            }
            foreach (var village in tree.Villages)
            {
                await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).FlushAsync();
            }
        }
        foreach (var village in tree.Villages)
        {
            Assert.Equal(recount[village], await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).GetCountsAsync());
        }
        Assert.Equal(all, await fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[^1]).GetCountsAsync());
    }

    [Fact]
    public async Task Get_NextDayWithoutAnyEvent_UnemployedOverThreeMonthsRollsOver()
    {
        var tree = await RegisterTreeAsync();
        var village = tree.Villages[0];
        var since = fixture.Today.AddMonths(-3);
        var id = TestNetwork.NewId("sk");
        Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(
            TestNetwork.Registration(new DateOnly(1990, 1, 1), LabourStatus.Unemployed, since) with { SiteCode = village })).Succeeded);
        var expected = new IndicatorCounts();
        expected.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, since, 0));
        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
        Assert.True(await aggregator.WaitForOwnCountsAsync(expected, Patience));

        var onTheDay = await aggregator.GetAsync();
        fixture.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await aggregator.GetAsync();

        Assert.Equal(0, onTheDay.UnemployedOver3Months);
        Assert.Equal(1, nextDay.UnemployedOver3Months);
        Assert.Equal(1.0, nextDay.RegisteredUnemploymentRate);
        Assert.Equal(0.9, nextDay.EmploymentRateTarget);
        Assert.False(nextDay.EmploymentRateTargetMet);
    }

    [Fact]
    public async Task OnNextAsync_DuplicateAndStaleEvents_CountOnlyTheNewestContribution()
    {
        var tree = await RegisterTreeAsync();
        var village = tree.Villages[1];
        var stream = fixture.Client.GetStreamProvider(StorageNames.Streams)
            .GetStream<IndicatorChange>(StreamId.Create(IndicatorStreams.Namespace, village));
        var employed = IndicatorContribution.Person(LabourStatus.Employed, fixture.Today, 1);
        var unemployed = IndicatorContribution.Person(LabourStatus.Unemployed, fixture.Today.AddDays(-7), 1);

        await stream.OnNextAsync(new IndicatorChange("seeker/replayed", 1, employed));
        await stream.OnNextAsync(new IndicatorChange("seeker/replayed", 2, unemployed));
        await stream.OnNextAsync(new IndicatorChange("seeker/replayed", 2, unemployed));
        await stream.OnNextAsync(new IndicatorChange("seeker/replayed", 1, employed));
        await stream.OnNextAsync(new IndicatorChange("seeker/other", 1, employed));

        var expected = new IndicatorCounts();
        expected.Apply(unemployed);
        expected.Apply(employed);
        Assert.True(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).WaitForOwnCountsAsync(expected, Patience));
        var view = await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).GetAsync();
        Assert.Equal((1, 1, 2), (view.Employed, view.Unemployed, view.Placements));
    }

    [Fact]
    public async Task RecountAsync_EntryDisagreesWithRecord_CorrectedAndTotalsSentUp()
    {
        var tree = await RegisterTreeAsync();
        var village = tree.Villages[0];
        var since = fixture.Today.AddDays(-10);
        var id = TestNetwork.NewId("sk");
        Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(
            TestNetwork.Registration(new DateOnly(1991, 9, 9), LabourStatus.Unemployed, since) with { SiteCode = village })).Succeeded);
        var truth = new IndicatorCounts();
        truth.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, since, 0));
        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
        Assert.True(await aggregator.WaitForOwnCountsAsync(truth, Patience));
        // A wrong event with a high version, as a bug or a tampered queue would leave behind.
        var wrong = IndicatorContribution.Person(LabourStatus.Employed, fixture.Today, 5);
        await fixture.Client.GetStreamProvider(StorageNames.Streams)
            .GetStream<IndicatorChange>(StreamId.Create(IndicatorStreams.Namespace, village))
            .OnNextAsync(new IndicatorChange(IndicatorSources.Id(IndicatorSources.Seeker, id), 1_000, wrong));
        var corrupted = new IndicatorCounts();
        corrupted.Apply(wrong);
        Assert.True(await aggregator.WaitForOwnCountsAsync(corrupted, Patience));

        var result = await aggregator.RecountAsync();
        await aggregator.FlushAsync();

        Assert.Equal(new RecountResult(1, 1), result);
        Assert.Equal(truth, await aggregator.GetCountsAsync());
        Assert.Equal(truth, await fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[^1]).GetCountsAsync());
        Assert.Equal(new RecountResult(1, 0), await aggregator.RecountAsync());
    }

    [Fact]
    public async Task Aggregates_SeekerMovesToAnotherVillage_ContributionMovesWithIt()
    {
        var tree = await RegisterTreeAsync();
        var since = fixture.Today.AddDays(-4);
        var registration = TestNetwork.Registration(new DateOnly(1993, 3, 3), LabourStatus.Unemployed,
            since) with { SiteCode = tree.Villages[0] };
        var id = TestNetwork.NewId("sk");
        var seeker = fixture.Client.GetGrain<ISeekerGrain>(id);
        Assert.True((await seeker.RegisterAsync(registration)).Succeeded);
        var one = new IndicatorCounts();
        one.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, since, 0));
        Assert.True(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Villages[0]).WaitForOwnCountsAsync(one, Patience));

        Assert.True((await seeker.RegisterAsync(registration with { SiteCode = tree.Villages[1] })).Succeeded);

        Assert.True(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Villages[0])
            .WaitForOwnCountsAsync(new IndicatorCounts(), Patience));
        Assert.True(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Villages[1]).WaitForOwnCountsAsync(one, Patience));
        await fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Villages[0]).FlushAsync();
        await fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Villages[1]).FlushAsync();
        Assert.Equal(one, await fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[0]).GetCountsAsync());
    }

    private async Task<Dictionary<string, IndicatorCounts>> RecountAsync(List<string> seekers, List<string> households, List<string> posts)
    {
        var bySite = new Dictionary<string, IndicatorCounts>(StringComparer.Ordinal);
        IndicatorCounts At(string site) => bySite.TryGetValue(site, out var c) ? c : bySite[site] = new IndicatorCounts();
        foreach (var id in seekers)
        {
            var s = (await fixture.Client.GetGrain<ISeekerGrain>(id).GetAsync())!;
            At(s.SiteCode).Apply(IndicatorContribution.Person(s.Status, s.StatusSince, s.Placements.Length));
        }
        foreach (var id in households)
        {
            var h = (await fixture.Client.GetGrain<IHouseholdGrain>(id).GetAsync())!;
            At(h.SiteCode).Apply(IndicatorContribution.Household(h.ZeroEmploymentSince));
        }
        foreach (var id in posts)
        {
            var p = (await fixture.Client.GetGrain<IPostGrain>(id).GetAsync())!;
            At(p.Profile.SiteCode).Apply(IndicatorContribution.Post(p.Profile.Openings, p.Taken, p.Closed));
        }
        return bySite;
    }

    private async Task<(string[] Villages, string[] Ancestors)> RegisterTreeAsync()
    {
        var n = TestNetwork.NewId("T").Replace("-", string.Empty, StringComparison.Ordinal);
        var province = "P" + n;
        var city = "C" + n;
        var county = "X" + n;
        var township = "T" + n;
        string[] villages = ["VA" + n, "VB" + n];
        SiteProfile[] sites =
        [
            new(province, "测试省就业之家", SiteKind.Province, null, 28.6, 115.8, false),
            new(city, "测试市就业之家", SiteKind.City, province, 25.8, 114.9, false),
            new(county, "测试县就业之家", SiteKind.County, city, 25.4, 114.9, false),
            new(township, "测试镇就业之家", SiteKind.Township, county, 25.4, 114.9, false),
            new(villages[0], "甲村就业之家", SiteKind.Village, township, 25.4, 114.9, true),
            new(villages[1], "乙村就业之家", SiteKind.Village, township, 25.4, 114.9, true),
        ];
        foreach (var site in sites)
        {
            Assert.True((await fixture.Client.GetGrain<ISiteGrain>(site.Code).RegisterAsync(site)).Succeeded);
        }
        return (villages, [township, county, city, province]);
    }
}
