using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Sites;
using JobHome.Grains.Employers;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Posts;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Sites;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Orleans.Streams;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>Runs on every store: see the sealed subclasses in Stores/.</summary>
public abstract class SiteIndicatorsGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Aggregates_AfterRandomChanges_EveryTierEqualsRecount()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
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

        // The operators' subtree recount finds every record through the per-site index and agrees at every tier.
        var report = await new SubtreeRecount(fixture.Client).RunAsync(tree.Ancestors[^1], repair: false);
        Assert.NotNull(report);
        Assert.True(report.Matches, string.Join("; ", report.Differences));
        Assert.Equal(seekers.Count + households.Count + posts.Count, report.Records);
        Assert.Equal(all, report.Recounted);
        var indexed = new List<string>();
        foreach (var village in tree.Villages)
        {
            indexed.AddRange(await fixture.Client.GetGrain<ISiteDirectoryGrain>(village).GetSourceIdsAsync());
        }
        var expectedIds = seekers.Select(id => IndicatorSources.Id(IndicatorSources.Seeker, id))
            .Concat(households.Select(id => IndicatorSources.Id(IndicatorSources.Household, id)))
            .Concat(posts.Select(id => IndicatorSources.Id(IndicatorSources.Post, id)));
        Assert.Equal(expectedIds.Order(StringComparer.Ordinal), indexed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_NextDayWithoutAnyEvent_UnemployedOverThreeMonthsRollsOver()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
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
    public async Task Aggregates_SeekerMovesToAnotherVillage_ContributionMovesWithIt()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
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

    [Fact]
    public async Task FlushTimer_NothingPending_IsNotArmed_AndAChangeArmsItUntilSent()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var township = fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[0]);
        var county = fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[1]);
        // Activation leaves the totals to send (a report may have been lost): armed until they are sent, then idle.
        await township.GetCountsAsync();
        Assert.True(await UntilIdleAsync(township));
        Assert.True(await UntilIdleAsync(county));

        // A child report leaves the parent's child totals unwritten: the parent's timer is armed until they are written.
        await township.ReportNowAsync();
        Assert.True(await county.IsFlushTimerArmedAsync());
        Assert.True(await UntilIdleAsync(county));
        Assert.True(await UntilIdleAsync(township));
        // A village's aggregator has no timer of its own: it answers for its township.
        Assert.False(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Villages[0]).IsFlushTimerArmedAsync());
    }

    [Fact]
    public async Task FlushTimer_UnknownSite_IsNotRearmedForItsUnsentTotals()
    {
        // No site profile: no parent to report to. Activation leaves totals "to send"; the first tick finds no profile and
        // the timer stays off (it used to re-arm every period for as long as the activation lived).
        var unknown = fixture.Client.GetGrain<ISiteIndicatorsGrain>(TestNetwork.NewId("no-such-site"));
        await unknown.GetCountsAsync();
        Assert.True(await UntilIdleAsync(unknown));
        Assert.False(await unknown.IsFlushTimerArmedAsync());
        Assert.Equal(new IndicatorCounts(), await unknown.GetCountsAsync());
    }

    [Fact]
    public async Task WaitForChange_ChildReport_WakesTheWaiter_AndAnOlderNumberAnswersAtOnce()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var township = fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[0]);
        var county = fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[1]);
        // Every site of the tree active and quiet first: an activation asks its children, whose answers would count
        // as changes of the county while the test watches it.
        foreach (var code in tree.Ancestors.Concat(tree.Villages))
        {
            await fixture.Client.GetGrain<ISiteIndicatorsGrain>(code).GetCountsAsync();
        }
        foreach (var code in tree.Villages.Concat(tree.Ancestors))
        {
            Assert.True(await UntilIdleAsync(fixture.Client.GetGrain<ISiteIndicatorsGrain>(code)));
        }
        var seen = await county.WaitForChangeAsync(-1, TimeSpan.Zero);
        Assert.Equal(seen, await county.WaitForChangeAsync(seen - 1, Patience));

        var waiting = county.WaitForChangeAsync(seen, Patience);
        await county.GetCountsAsync();
        Assert.False(waiting.IsCompleted);
        await township.ReportNowAsync();
        Assert.Same(waiting, await Task.WhenAny(waiting, Task.Delay(Patience / 2)));
        Assert.True(await waiting > seen);
    }

    /// <summary>A village's live feed waits on its township: a change of one of the village's records wakes it.</summary>
    [Fact]
    public async Task WaitForChange_VillageRecordChanges_WakesTheVillagesWaiter()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var village = fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Villages[1]);
        await village.GetCountsAsync();
        Assert.True(await UntilIdleAsync(village));
        var seen = await village.WaitForChangeAsync(-1, TimeSpan.Zero);
        var waiting = village.WaitForChangeAsync(seen, Patience);
        Assert.False(waiting.IsCompleted);
        var registration = TestNetwork.Registration(new DateOnly(1988, 8, 8), LabourStatus.Unemployed, fixture.Today.AddDays(-2))
            with { SiteCode = tree.Villages[1] };
        Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(TestNetwork.NewId("sk-feed")).RegisterAsync(registration)).Succeeded);
        Assert.Same(waiting, await Task.WhenAny(waiting, Task.Delay(Patience / 2)));
        Assert.True(await waiting > seen);
        Assert.Equal(1, (await village.GetAsync()).Unemployed);
    }

    // The timer's own period (100 ms) elapses in real time: polled with a deadline.
    private static async Task<bool> UntilIdleAsync(ISiteIndicatorsGrain grain)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await grain.IsFlushTimerArmedAsync())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
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
}
