using JobHome.Domain.People;
using JobHome.Grains.People;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.People;

/// <summary>
/// A record written straight to storage behind its activation (as the bulk import does): an activation that found no
/// state re-reads it on the next call, and a write that meets a newer ETag re-reads and decides again. Runs on every
/// store: see the sealed subclasses in Stores/.
/// </summary>
public abstract class StaleActivationTests(ClusterFixture fixture)
{
    private readonly TestNetwork _network = new(fixture);

    private IGrainStorage Storage => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    [Fact]
    public async Task GetAsync_StateWrittenBehindAnEmptyActivation_FindsTheStoredSeeker()
    {
        var id = TestNetwork.NewId("sk");
        var grain = fixture.Client.GetGrain<ISeekerGrain>(id);
        Assert.Null(await grain.GetAsync());
        var registration = TestNetwork.Registration(new DateOnly(1992, 6, 7), LabourStatus.Unemployed, fixture.Today.AddDays(-3));
        var stored = new SeekerState
        {
            Registration = registration, Status = LabourStatus.Unemployed, StatusSince = fixture.Today.AddDays(-3), StatusVersion = 1,
            RegisteredOn = fixture.Today,
        };
        await Storage.WriteStateAsync("seeker", grain.GetGrainId(), new GrainState<SeekerState>(stored));

        var view = await grain.GetAsync();

        Assert.NotNull(view);
        Assert.Equal(registration.Name, view.Name);
        Assert.Equal(registration.SiteCode, view.SiteCode);
        Assert.Equal(LabourStatus.Unemployed, view.Status);
    }

    [Fact]
    public async Task AddFollowUpAsync_StateChangedBehindTheActivation_RereadsAndKeepsBothRecords()
    {
        await _network.EnsureSitesAsync();
        var id = TestNetwork.NewId("sk");
        var grain = fixture.Client.GetGrain<ISeekerGrain>(id);
        var registration = TestNetwork.Registration(new DateOnly(1986, 1, 2), LabourStatus.Unemployed, fixture.Today.AddDays(-5));
        Assert.True((await grain.RegisterAsync(registration)).Succeeded);
        var behind = new GrainState<SeekerState>(new SeekerState());
        await Storage.ReadStateAsync("seeker", grain.GetGrainId(), behind);
        behind.State!.FollowUps.Add(new FollowUp(fixture.Today, "visit", "written behind the activation", "tester"));
        await Storage.WriteStateAsync("seeker", grain.GetGrainId(), behind);

        var result = await grain.AddFollowUpAsync(new FollowUp(fixture.Today, "call", "through the grain", "tester"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Problem)));
        var view = await grain.GetAsync();
        Assert.NotNull(view);
        Assert.Equal(["written behind the activation", "through the grain"], view.FollowUps.Select(f => f.Note));
        var reread = new GrainState<SeekerState>(new SeekerState());
        await Storage.ReadStateAsync("seeker", grain.GetGrainId(), reread);
        Assert.Equal(2, reread.State!.FollowUps.Count);
    }
}
