using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// A record changed through its grain on a store that does not carry its events in the write marks its stored outbox
/// published only with its next write. The subtree recount and the aggregator's own repair
/// (<see cref="ISiteIndicatorsGrain.RecountAsync"/>) pass the versions the site's aggregator holds, so such a record is
/// reported from storage, not activated; asked without them, the reader activates it. On the embedded store the write
/// carries the events and stores the outbox as published (<see cref="IndicatorOutbox.WriteAsync"/>): the reader reports
/// the record from storage with or without the held versions. Runs on every store: see the sealed subclasses in Stores/.
/// </summary>
public abstract class RecountSkipTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>True when the store takes the records' indicator events into their state writes (the embedded store).</summary>
    protected virtual bool WriteCarriesEvents => false;

    [Fact]
    public async Task SubtreeRecount_RecordsChangedLiveAndDeactivated_ExactWithoutActivatingThem()
    {
        var (village, root, seekers) = await ChangedLiveAndDeactivatedAsync();

        var report = await new SubtreeRecount(fixture.Client).RunAsync(root, repair: false);

        Assert.NotNull(report);
        Assert.True(report.Matches, string.Join("; ", report.Differences));
        Assert.Equal(seekers.Length, report.Records);
        Assert.Equal(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).GetCountsAsync(), report.Recounted);
        Assert.Equal(3, report.Recounted.UnemployedBySince.Values.Sum());
        Assert.Equal(1, report.Recounted.Employed);
        Assert.Empty(await ActiveAsync(seekers));
    }

    [Fact]
    public async Task RecountAsync_RecordsChangedLiveAndDeactivated_CorrectsNothingWithoutActivatingThem()
    {
        var (village, root, seekers) = await ChangedLiveAndDeactivatedAsync();
        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
        var before = await aggregator.GetCountsAsync();

        var result = await aggregator.RecountAsync();

        Assert.Equal(new RecountResult(seekers.Length, 0), result);
        Assert.Equal(before, await aggregator.GetCountsAsync());
        Assert.Empty(await ActiveAsync(seekers));
        // The repair path of the subtree recount (every site's RecountAsync) activates none of them either.
        var report = await new SubtreeRecount(fixture.Client).RunAsync(root, repair: true);
        Assert.NotNull(report);
        Assert.True(report.Matches, string.Join("; ", report.Differences));
        Assert.Equal(0, report.Corrected);
        Assert.Empty(await ActiveAsync(seekers));
    }

    [Fact]
    public async Task ReadAsync_WithoutHeldVersions_SameReportsAndOnlyUnpublishedOutboxesActivated()
    {
        var (village, _, seekers) = await ChangedLiveAndDeactivatedAsync();
        var ids = seekers.Select(id => IndicatorSources.Id(IndicatorSources.Seeker, id)).ToArray();
        var held = await fixture.Client.GetGrain<IRecountSourcesGrain>(village).GetHeldVersionsAsync();
        var versions = ids.Select(id => held.Versions[Array.IndexOf(held.Ids, id)]).ToArray();
        var reader = fixture.Client.GetGrain<IRecountReaderGrain>(0);

        var fromStorage = await reader.ReadAsync(village, ids, versions);
        Assert.Empty(await ActiveAsync(seekers));
        // An aggregator a version behind (a change not yet arrived): a record whose stored outbox looks unpublished is
        // asked, so its activation publishes it; one stored as published (its events committed with it) is read.
        var behind = await reader.ReadAsync(village, ids[..1], [versions[0] - 1]);
        string[] askedBehind = WriteCarriesEvents ? [] : seekers[..1];
        Assert.Equal(askedBehind, await ActiveAsync(seekers));
        var asked = await reader.ReadAsync(ids);

        // Without the held versions, every record whose stored outbox looks unpublished is activated: all of them unless
        // the writes carried the events.
        string[] activated = WriteCarriesEvents ? [] : [.. seekers.Order(StringComparer.Ordinal)];
        Assert.Equal(activated, (await ActiveAsync(seekers)).Order(StringComparer.Ordinal));
        Assert.Equal(asked, fromStorage);
        Assert.Equal(asked[0], Assert.Single(behind));
        Assert.All(fromStorage, r => Assert.Equal(village, r.SiteCode));
    }

    // Four seekers registered through their grains at a fresh village, one of them placed in work by a correction; the
    // test waits (without polling) until the village's aggregator holds all four, flushes the totals up the tree, then
    // deactivates the four.
    private async Task<(string Village, string Root, string[] Seekers)> ChangedLiveAndDeactivatedAsync()
    {
        var (villages, ancestors) = await new TestNetwork(fixture).RegisterTreeAsync();
        var village = villages[0];
        var since = fixture.Today.AddDays(-40);
        var seekers = new string[4];
        var expected = new IndicatorCounts();
        for (var i = 0; i < seekers.Length; i++)
        {
            seekers[i] = TestNetwork.NewId("rs");
            var registration = TestNetwork.Registration(new DateOnly(1980 + i, 3, 1), LabourStatus.Unemployed, since) with
            {
                SiteCode = village,
            };
            var grain = fixture.Client.GetGrain<ISeekerGrain>(seekers[i]);
            Assert.True((await grain.RegisterAsync(registration)).Succeeded);
            if (i == 0)
            {
                // A second change: the stored version is 2 and the aggregator must hold 2, not 1.
                var corrected = await grain.RegisterAsync(registration with { Status = LabourStatus.Employed, StatusSince = since });
                Assert.True(corrected.Succeeded, string.Join("; ", corrected.Errors));
            }
            var source = IndicatorSources.Grain(fixture.Client, IndicatorSources.Id(IndicatorSources.Seeker, seekers[i]));
            expected.Apply((await source.GetIndicatorSourceAsync()).Contribution);
        }
        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
        Assert.True(await aggregator.WaitForOwnCountsAsync(expected, Patience));
        // The tiers above report on a timer: send the totals up now, so every tier is settled before the recount.
        await aggregator.FlushAsync();
        foreach (var id in seekers)
        {
            await fixture.Cluster.DeactivateAsync(fixture.Client.GetGrain<ISeekerGrain>(id));
        }
        Assert.Empty(await ActiveAsync(seekers));
        return (village, ancestors[^1], seekers);
    }

    private async Task<string[]> ActiveAsync(string[] seekers)
    {
        var type = fixture.Client.GetGrain<ISeekerGrain>(seekers[0]).GetGrainId().Type;
        var active = (await fixture.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(type)).ToHashSet();
        return [.. seekers.Where(id => active.Contains(fixture.Client.GetGrain<ISeekerGrain>(id).GetGrainId()))];
    }
}
