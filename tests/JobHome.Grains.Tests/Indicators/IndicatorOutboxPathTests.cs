using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Grains.Employers;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// Every change path that bumps a record's outbox version writes through <see cref="IndicatorOutbox.WriteAsync"/>:
/// seeker deregistration, placement and end, post opening, correction, opening taken and close, household registration
/// (with its members) and a member's reported status (registration and a move: <see cref="IndicatorOutboxTests"/>).
/// After each change the site's aggregator holds the record's version with its contribution, and the stored outbox
/// matches the store: on the embedded store the write carried the events (stored as published to the site), on a store
/// that does not take them it is stored one version behind (published after the write).
/// </summary>
public abstract class IndicatorOutboxPathTests(ClusterFixture fixture, bool writeCarriesEvents)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DeregisterAsync_Seeker_CarriesItsEvents()
    {
        var site = await SiteAsync();
        var (seeker, _) = await RegisterSeekerAsync(site, LabourStatus.Unemployed);
        await AssertCarriedAsync(site, (Seeker(seeker), 1));

        Assert.True((await seeker.DeregisterAsync(fixture.Today, "moved away")).Succeeded);

        await AssertCarriedAsync(site, (Seeker(seeker), 2));
    }

    [Fact]
    public async Task PlaceAndEnd_SeekerAndPost_CarryTheirEvents()
    {
        var site = await SiteAsync();
        var post = await OpenPostAsync(site, openings: 2);
        var (seeker, _) = await RegisterSeekerAsync(site, LabourStatus.Unemployed);
        var placement = fixture.Client.GetGrain<IPlacementGrain>(TestNetwork.NewId("pl-outbox"));
        await AssertCarriedAsync(site, (Seeker(seeker), 1), (Post(post), 1));

        // The placement: the post's opening taken (post version 2), the seeker employed (seeker version 2).
        Assert.True((await placement.PlaceAsync(new PlacementRequest(seeker.GetPrimaryKeyString(), post.GetPrimaryKeyString(),
            fixture.Today))).Succeeded);
        await AssertCarriedAsync(site, (Seeker(seeker), 2), (Post(post), 2));

        // The end: the seeker unemployed again (version 3); the post keeps its opening taken.
        Assert.True((await placement.EndAsync(new PlacementEnd(fixture.Today, PlacementEndReason.Completed))).Succeeded);
        await AssertCarriedAsync(site, (Seeker(seeker), 3), (Post(post), 2));
    }

    [Fact]
    public async Task CorrectAndClose_Post_CarriesItsEvents()
    {
        var site = await SiteAsync();
        var post = await OpenPostAsync(site, openings: 2);
        var profile = (await post.GetAsync())!.Profile;
        await AssertCarriedAsync(site, (Post(post), 1));

        Assert.True((await post.OpenAsync(profile with { Openings = 5 })).Succeeded);
        await AssertCarriedAsync(site, (Post(post), 2));

        Assert.True((await post.CloseAsync()).Succeeded);
        await AssertCarriedAsync(site, (Post(post), 3));
    }

    [Fact]
    public async Task RegisterAndMemberStatus_Household_CarriesItsEvents()
    {
        var site = await SiteAsync();
        var (seeker, registration) = await RegisterSeekerAsync(site, LabourStatus.Unemployed);
        var household = fixture.Client.GetGrain<IHouseholdGrain>(TestNetwork.NewId("hh-outbox"));
        await AssertCarriedAsync(site, (Seeker(seeker), 1));

        // Registered (version 1), then its member joined with its status (version 2): zero-employment.
        Assert.True((await household.RegisterAsync(new HouseholdRegistration(site, [seeker.GetPrimaryKeyString()]))).Succeeded);
        await AssertCarriedAsync(site, (Seeker(seeker), 1), (Household(household), 2));

        // The member's corrected status reaches the household (version 3): no longer zero-employment.
        Assert.True((await seeker.RegisterAsync(registration with { Status = LabourStatus.Employed, StatusSince = fixture.Today }))
            .Succeeded);
        await AssertCarriedAsync(site, (Seeker(seeker), 2), (Household(household), 3));
    }

    // Each record's version reached its site: the site's own counts are the records' contributions (each record is alone
    // at a fresh site with the other records of its test), the aggregator holds the record's version, and the stored
    // outbox matches the store. Every step of a test changes the site's counts (the tests assert each step before the
    // next), so counts equal to the step's mean its events arrived, not the previous step's. On a store that does not
    // take the events, a record written again without a change (a seeker joining its household) is stored as published.
    private async Task AssertCarriedAsync(string site, params (Source Source, long Version)[] records)
    {
        var expected = new IndicatorCounts();
        foreach (var (source, version) in records)
        {
            var report = await source.Grain.GetIndicatorSourceAsync();
            Assert.Equal((site, version), (report.SiteCode, report.Version));
            expected.Apply(report.Contribution);
        }
        Assert.True(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(site).WaitForOwnCountsAsync(expected, Patience));

        var held = await fixture.Client.GetGrain<IRecountSourcesGrain>(site).GetHeldVersionsAsync();
        foreach (var (source, version) in records)
        {
            var index = Array.IndexOf(held.Ids, source.Id);
            Assert.True(index >= 0, $"{source.Id} is not held at {site}");
            Assert.Equal(version, held.Versions[index]);

            var stored = await source.StoredAsync();
            Assert.Equal(version, stored.Version);
            if (writeCarriesEvents)
            {
                Assert.Equal((version, site), (stored.PublishedVersion, stored.PublishedSiteCode));
            }
            else
            {
                Assert.InRange(stored.PublishedVersion, version - 1, version);
            }
        }
    }

    private async Task<string> SiteAsync() => (await new TestNetwork(fixture).RegisterTreeAsync()).Villages[0];

    // A seeker registered at the site (version 1), with its registration (a correction repeats it).
    private async Task<(ISeekerGrain Seeker, SeekerRegistration Registration)> RegisterSeekerAsync(string site, LabourStatus status)
    {
        var seeker = fixture.Client.GetGrain<ISeekerGrain>(TestNetwork.NewId("sk-outbox"));
        var registration = TestNetwork.Registration(new DateOnly(1990, 4, 1), status, fixture.Today.AddDays(-3)) with { SiteCode = site };
        Assert.True((await seeker.RegisterAsync(registration)).Succeeded);
        return (seeker, registration);
    }

    private async Task<IPostGrain> OpenPostAsync(string site, int openings)
    {
        var code = TestNetwork.NewCreditCode();
        Assert.True((await fixture.Client.GetGrain<IEmployerGrain>(code).RegisterAsync(
            new EmployerProfile("信丰电子有限公司", site, 25.4, 114.9))).Succeeded);
        var post = fixture.Client.GetGrain<IPostGrain>(TestNetwork.NewId("post-outbox"));
        Assert.True((await post.OpenAsync(TestNetwork.Post(code, openings) with { SiteCode = site })).Succeeded);
        return post;
    }

    private Source Seeker(ISeekerGrain grain) => new(grain.AsReference<IIndicatorSourceGrain>(),
        IndicatorSources.Id(IndicatorSources.Seeker, grain.GetPrimaryKeyString()),
        () => StoredAsync<SeekerState>("seeker", grain, s => s.Indicators));

    private Source Post(IPostGrain grain) => new(grain.AsReference<IIndicatorSourceGrain>(),
        IndicatorSources.Id(IndicatorSources.Post, grain.GetPrimaryKeyString()),
        () => StoredAsync<PostState>("post", grain, s => s.Indicators));

    private Source Household(IHouseholdGrain grain) => new(grain.AsReference<IIndicatorSourceGrain>(),
        IndicatorSources.Id(IndicatorSources.Household, grain.GetPrimaryKeyString()),
        () => StoredAsync<HouseholdState>("household", grain, s => s.Indicators));

    private async Task<IndicatorOutbox> StoredAsync<TState>(string stateName, IAddressable grain, Func<TState, IndicatorOutbox> outbox)
        where TState : new()
    {
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var stored = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), stored);
        return outbox(stored.State!);
    }

    // A record as a source of indicator events: the grain that reports it, its id at the aggregator, its stored outbox.
    private sealed record Source(IIndicatorSourceGrain Grain, string Id, Func<Task<IndicatorOutbox>> StoredAsync);
}

/// <summary>Orleans' in-memory storage does not take the events: they are published after the write.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IndicatorOutboxPathTestsOnMemory(MemoryClusterFixture fixture) : IndicatorOutboxPathTests(fixture, writeCarriesEvents: false);
