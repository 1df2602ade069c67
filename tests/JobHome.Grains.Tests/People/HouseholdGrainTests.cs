using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.People;

/// <summary>Runs on every store: see the sealed subclasses in Stores/.</summary>
public abstract class HouseholdGrainTests(ClusterFixture fixture)
{
    private readonly TestNetwork _network = new(fixture);

    [Fact]
    public async Task RegisterAsync_NoLabourForceMemberEmployed_ZeroEmploymentSinceLatestLabourForceDate()
    {
        await _network.EnsureSitesAsync();
        var today = fixture.Today;
        var early = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, today.AddDays(-90));
        var late = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, today.AddDays(-12));
        var student = await _network.RegisterSeekerAsync(LabourStatus.NotInLabourForce, today.AddDays(-1));
        var id = TestNetwork.NewId("hh");

        var result = await fixture.Client.GetGrain<IHouseholdGrain>(id)
            .RegisterAsync(new HouseholdRegistration(TestNetwork.Village, [early, late, student]));
        var view = await fixture.Client.GetGrain<IHouseholdGrain>(id).GetAsync();

        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        Assert.True(view!.ZeroEmployment);
        Assert.Equal(today.AddDays(-12), view.ZeroEmploymentSince);
        Assert.False(view.Overdue);
        var member = await fixture.Client.GetGrain<ISeekerGrain>(early).GetAsync();
        Assert.Equal(id, member!.HouseholdId);
        Assert.True(member.KeyGroups.HasFlag(KeyGroups.ZeroEmploymentHousehold));
    }

    [Fact]
    public async Task RegisterAsync_OneMemberEmployed_NotZeroEmployment()
    {
        await _network.EnsureSitesAsync();
        var unemployed = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, fixture.Today.AddDays(-90));
        var employed = await _network.RegisterSeekerAsync(LabourStatus.Employed, fixture.Today.AddDays(-400));
        var id = TestNetwork.NewId("hh");

        await fixture.Client.GetGrain<IHouseholdGrain>(id).RegisterAsync(new HouseholdRegistration(TestNetwork.Village,
            [unemployed, employed]));
        var view = await fixture.Client.GetGrain<IHouseholdGrain>(id).GetAsync();

        Assert.False(view!.ZeroEmployment);
        Assert.Null(view.ZeroEmploymentSince);
        Assert.False((await fixture.Client.GetGrain<ISeekerGrain>(unemployed)
            .GetAsync())!.KeyGroups.HasFlag(KeyGroups.ZeroEmploymentHousehold));
    }

    [Fact]
    public async Task RegisterAsync_MemberOfAnotherHousehold_RefusedAndNothingStored()
    {
        await _network.EnsureSitesAsync();
        var shared = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, fixture.Today);
        var first = TestNetwork.NewId("hh");
        var second = TestNetwork.NewId("hh");
        Assert.True((await fixture.Client.GetGrain<IHouseholdGrain>(first)
            .RegisterAsync(new HouseholdRegistration(TestNetwork.Village, [shared]))).Succeeded);

        var result = await fixture.Client.GetGrain<IHouseholdGrain>(second)
            .RegisterAsync(new HouseholdRegistration(TestNetwork.Village, [shared]));

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal("member_ids[0]", Assert.Single(result.Errors).Field);
        Assert.Null(await fixture.Client.GetGrain<IHouseholdGrain>(second).GetAsync());
    }

    [Fact]
    public async Task PlacementEnds_LastEmployedMember_ZeroEmploymentFromTheEndDate()
    {
        await _network.EnsureSitesAsync();
        var today = fixture.Today;
        var worker = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, today.AddDays(-60));
        var spouse = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, today.AddDays(-45));
        var id = TestNetwork.NewId("hh");
        await fixture.Client.GetGrain<IHouseholdGrain>(id).RegisterAsync(new HouseholdRegistration(TestNetwork.Village, [worker, spouse]));
        var postId = await _network.OpenPostAsync(1);
        var placement = fixture.Client.GetGrain<IPlacementGrain>(TestNetwork.NewId("pl"));
        Assert.True((await placement.PlaceAsync(new PlacementRequest(worker, postId, today.AddDays(-30)))).Succeeded);
        Assert.False((await fixture.Client.GetGrain<IHouseholdGrain>(id).GetAsync())!.ZeroEmployment);

        Assert.True((await placement.EndAsync(new PlacementEnd(today.AddDays(-5), PlacementEndReason.Completed))).Succeeded);
        var view = await fixture.Client.GetGrain<IHouseholdGrain>(id).GetAsync();

        Assert.True(view!.ZeroEmployment);
        Assert.Equal(today.AddDays(-5), view.ZeroEmploymentSince);
    }

    [Fact]
    public async Task GetAsync_ClockPassesOneMonth_OverdueAtMidnightAndReminderRaisesAlert()
    {
        await _network.EnsureSitesAsync();
        var today = fixture.Today;
        var since = today.AddMonths(-1);
        var member = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, since);
        var id = TestNetwork.NewId("hh");
        var household = fixture.Client.GetGrain<IHouseholdGrain>(id);
        await household.RegisterAsync(new HouseholdRegistration(TestNetwork.Village, [member]));
        var reminder = household.AsReference<IRemindable>();

        var onTheMonth = await household.GetAsync();
        await reminder.ReceiveReminder(HouseholdGrain.OverdueReminder, default);
        var alertTooEarly = (await household.GetAsync())!.OverdueAlertRaised;
        // Move to the next local midnight: nothing happens in the records, the date alone makes it overdue.
        var nextMidnight = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        fixture.Time.SetUtcNow(nextMidnight);
        var afterMidnight = await household.GetAsync();
        await reminder.ReceiveReminder(HouseholdGrain.OverdueReminder, default);
        var alerted = await household.GetAsync();

        Assert.Equal(since, onTheMonth!.ZeroEmploymentSince);
        Assert.False(onTheMonth.Overdue);
        Assert.False(alertTooEarly);
        Assert.True(afterMidnight!.Overdue);
        Assert.False(afterMidnight.OverdueAlertRaised);
        Assert.True(alerted!.OverdueAlertRaised);
    }

    [Fact]
    public async Task RegisterAsync_MemberStatusCorrected_HouseholdFollows()
    {
        await _network.EnsureSitesAsync();
        var today = fixture.Today;
        var registration = TestNetwork.Registration(new DateOnly(1983, 4, 4), LabourStatus.Unemployed, today.AddDays(-20));
        var member = TestNetwork.NewId("sk");
        var seeker = fixture.Client.GetGrain<ISeekerGrain>(member);
        Assert.True((await seeker.RegisterAsync(registration)).Succeeded);
        var id = TestNetwork.NewId("hh");
        await fixture.Client.GetGrain<IHouseholdGrain>(id).RegisterAsync(new HouseholdRegistration(TestNetwork.Village, [member]));
        Assert.True((await fixture.Client.GetGrain<IHouseholdGrain>(id).GetAsync())!.ZeroEmployment);

        var corrected = await seeker.RegisterAsync(registration with { Status = LabourStatus.Employed, StatusSince = today.AddDays(-2) });
        var view = await fixture.Client.GetGrain<IHouseholdGrain>(id).GetAsync();

        Assert.Equal(CommandOutcome.Ok, corrected.Outcome);
        Assert.False(view!.ZeroEmployment);
        Assert.Equal(LabourStatus.Employed, Assert.Single(view.Members).Status);
        Assert.Equal(today.AddDays(-2), view.Members[0].Since);
    }

    [Fact]
    public async Task RegisterAsync_MembersCorrectedConcurrently_HouseholdAgreesWithMembers()
    {
        await _network.EnsureSitesAsync();
        var today = fixture.Today;
        var registrations = Enumerable.Range(0, 6)
            .Select(i => TestNetwork.Registration(new DateOnly(1975 + i, 2, 2), LabourStatus.Unemployed, today.AddDays(-30 - i)))
            .ToArray();
        var members = registrations.Select(_ => TestNetwork.NewId("sk")).ToArray();
        for (var i = 0; i < members.Length; i++)
        {
            Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(members[i]).RegisterAsync(registrations[i])).Succeeded);
        }
        var id = TestNetwork.NewId("hh");

        var corrections = members.Select((m, i) => fixture.Client.GetGrain<ISeekerGrain>(m)
            .RegisterAsync(registrations[i] with { StatusSince = today.AddDays(-i) }));
        var registration = fixture.Client.GetGrain<IHouseholdGrain>(id)
            .RegisterAsync(new HouseholdRegistration(TestNetwork.Village, members));
        var results = await Task.WhenAll(corrections.Append(registration));

        Assert.All(results, r => Assert.Equal(CommandOutcome.Ok, r.Outcome));
        var view = await fixture.Client.GetGrain<IHouseholdGrain>(id).GetAsync();
        Assert.Equal(members.Select((_, i) => (DateOnly?)today.AddDays(-i)), view!.Members.Select(m => m.Since));
        Assert.Equal(today, view.ZeroEmploymentSince);
    }
}
