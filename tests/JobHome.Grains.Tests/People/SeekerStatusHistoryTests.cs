using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.People;

/// <summary>Runs on every store: see the sealed subclasses in Stores/.</summary>
public abstract class SeekerStatusHistoryTests(ClusterFixture fixture)
{
    private readonly TestNetwork _network = new(fixture);

    [Fact]
    public async Task GetStatusHistoryAsync_RegistrationPlacementEndCorrectionDeregistration_EveryChangeInOrderWithItsCause()
    {
        await _network.EnsureSitesAsync();
        var today = fixture.Today;
        var registration = TestNetwork.Registration(new DateOnly(1986, 4, 2), LabourStatus.Unemployed, today.AddDays(-40));
        var id = TestNetwork.NewId("sk");
        var seeker = fixture.Client.GetGrain<ISeekerGrain>(id);
        Assert.True((await seeker.RegisterAsync(registration)).Succeeded);
        var post = await _network.OpenPostAsync(3);
        var placement = TestNetwork.NewId("pl");
        var placed = await fixture.Client.GetGrain<IPlacementGrain>(placement).PlaceAsync(new PlacementRequest(id, post, today.AddDays(-30)));
        Assert.True(placed.Succeeded);
        Assert.True((await fixture.Client.GetGrain<IPlacementGrain>(placement).EndAsync(
            new PlacementEnd(today.AddDays(-20), PlacementEndReason.Resigned))).Succeeded);
        Assert.True((await seeker.RegisterAsync(registration with
        {
            Status = LabourStatus.Employed, StatusSince = today.AddDays(-10),
        })).Succeeded);
        Assert.True((await seeker.DeregisterAsync(today, "moved_away")).Succeeded);

        var history = await seeker.GetStatusHistoryAsync();

        Assert.NotNull(history);
        Assert.Equal(
            [
                new StatusChange(LabourStatus.Unemployed, today.AddDays(-40), StatusCauses.Registration),
                new StatusChange(LabourStatus.Employed, today.AddDays(-30), StatusCauses.Placement),
                new StatusChange(LabourStatus.Unemployed, today.AddDays(-20), StatusCauses.End),
                new StatusChange(LabourStatus.Employed, today.AddDays(-10), StatusCauses.Correction),
                new StatusChange(LabourStatus.NotInLabourForce, today, StatusCauses.Deregistration),
            ],
            history);
    }

    [Fact]
    public async Task GetStatusHistoryAsync_CorrectionWithoutStatusChange_AddsNothing()
    {
        await _network.EnsureSitesAsync();
        var registration = TestNetwork.Registration(new DateOnly(1991, 8, 8), LabourStatus.Employed, fixture.Today.AddDays(-5));
        var seeker = fixture.Client.GetGrain<ISeekerGrain>(TestNetwork.NewId("sk"));
        Assert.True((await seeker.RegisterAsync(registration)).Succeeded);

        Assert.True((await seeker.RegisterAsync(registration with { Name = "王晓明" })).Succeeded);

        var change = Assert.Single((await seeker.GetStatusHistoryAsync())!);
        Assert.Equal(StatusCauses.Registration, change.Cause);
    }

    [Fact]
    public async Task GetStatusHistoryAsync_Unregistered_IsNull()
    {
        Assert.Null(await fixture.Client.GetGrain<ISeekerGrain>(TestNetwork.NewId("sk")).GetStatusHistoryAsync());
    }
}
