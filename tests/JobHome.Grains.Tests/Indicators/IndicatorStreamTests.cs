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

/// <summary>Aggregator behaviour driven by events the test publishes itself (in-memory streams: the client publishes).</summary>
[Collection(ClusterCollection.Name)]
public sealed class IndicatorStreamTests(MemoryClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OnNextAsync_DuplicateAndStaleEvents_CountOnlyTheNewestContribution()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
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
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
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
    public async Task SubtreeRecount_WrongEntryAtAVillage_ReportedAtEveryTierThenRepaired()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var village = tree.Villages[1];
        var since = fixture.Today.AddDays(-40);
        var id = TestNetwork.NewId("sk");
        Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(
            TestNetwork.Registration(new DateOnly(1988, 3, 3), LabourStatus.Unemployed, since) with { SiteCode = village })).Succeeded);
        var truth = new IndicatorCounts();
        truth.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, since, 0));
        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
        Assert.True(await aggregator.WaitForOwnCountsAsync(truth, Patience));
        await aggregator.FlushAsync();
        var recount = new SubtreeRecount(fixture.Client);
        var province = tree.Ancestors[^1];

        var clean = await recount.RunAsync(province, repair: false);

        Assert.NotNull(clean);
        Assert.True(clean.Matches, string.Join("; ", clean.Differences));
        Assert.Equal((6, 1L, 0L), (clean.Sites, clean.Records, clean.Corrected));
        Assert.Equal(truth, clean.Recounted);

        var wrong = IndicatorContribution.Person(LabourStatus.Employed, fixture.Today, 2);
        await fixture.Client.GetStreamProvider(StorageNames.Streams)
            .GetStream<IndicatorChange>(StreamId.Create(IndicatorStreams.Namespace, village))
            .OnNextAsync(new IndicatorChange(IndicatorSources.Id(IndicatorSources.Seeker, id), 1_000, wrong));
        var corrupted = new IndicatorCounts();
        corrupted.Apply(wrong);
        Assert.True(await aggregator.WaitForOwnCountsAsync(corrupted, Patience));
        await aggregator.FlushAsync();

        var found = await recount.RunAsync(province, repair: false);

        Assert.NotNull(found);
        Assert.False(found.Matches);
        Assert.Equal(corrupted, found.Live);
        Assert.Equal(truth, found.Recounted);
        // Every site on the path from the village up disagrees, and on the same indicators; the other village does not.
        var path = new[] { village }.Concat(tree.Ancestors).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(path, found.Differences.Select(d => d.SiteCode).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(new RecountDifference(province, "employed", 1, 0), found.Differences);
        Assert.Contains(new RecountDifference(province, "placements", 2, 0), found.Differences);
        Assert.Contains(new RecountDifference(province, "unemployedSince:" + since.ToString("yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture), 0, 1), found.Differences);

        var repaired = await recount.RunAsync(province, repair: true);

        Assert.NotNull(repaired);
        Assert.True(repaired.Matches, string.Join("; ", repaired.Differences));
        Assert.Equal(1, repaired.Corrected);
        Assert.Equal(truth, repaired.Live);
        Assert.Equal(truth, await fixture.Client.GetGrain<ISiteIndicatorsGrain>(province).GetCountsAsync());
        Assert.Null(await recount.RunAsync("P-no-such-site", repair: false));
    }
}
