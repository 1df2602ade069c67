using JobHome.Domain.People;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.People;

/// <summary>Runs on every store: see the sealed subclasses in Stores/.</summary>
public abstract class SeekerGrainTests(ClusterFixture fixture)
{
    private static readonly IdCardKeys Keys = new(new IdCardKeyOptions());
    private readonly TestNetwork _network = new(fixture);

    [Fact]
    public async Task RegisterAsync_Valid_ViewShowsIdNumberAndPhoneOnlyMasked()
    {
        await _network.EnsureSitesAsync();
        var registration = TestNetwork.Registration(new DateOnly(1990, 2, 3), LabourStatus.Unemployed, fixture.Today.AddDays(-10));
        var id = TestNetwork.NewId("sk");

        var result = await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(registration);
        var view = await fixture.Client.GetGrain<ISeekerGrain>(id).GetAsync();

        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        Assert.Equal(id, result.Id);
        Assert.NotNull(view);
        Assert.Equal(Masking.IdCard(registration.IdNumber), view.IdNumberMasked);
        Assert.DoesNotContain(registration.IdNumber[6..14], view.IdNumberMasked, StringComparison.Ordinal);
        Assert.Equal("138****5678", view.PhoneMasked);
        Assert.Equal(LabourStatus.Unemployed, view.Status);
        Assert.Equal(fixture.Today.AddDays(-10), view.StatusSince);
        Assert.Equal(fixture.Today, view.RegisteredOn);
    }

    [Fact]
    public async Task RegisterAsync_SameIdNumberAgain_ConflictNamesExistingSeeker()
    {
        await _network.EnsureSitesAsync();
        var registration = TestNetwork.Registration(new DateOnly(1988, 7, 9), LabourStatus.Unemployed, fixture.Today);
        var first = TestNetwork.NewId("sk");
        var second = TestNetwork.NewId("sk");
        Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(first).RegisterAsync(registration)).Succeeded);

        var result = await fixture.Client.GetGrain<ISeekerGrain>(second).RegisterAsync(registration with { Name = "李四" });

        Assert.Equal(CommandOutcome.Conflict, result.Outcome);
        Assert.Equal(first, result.Id);
        var error = Assert.Single(result.Errors);
        Assert.Equal("id_card", error.Field);
        Assert.Equal(Masking.IdCard(registration.IdNumber), error.Value);
        Assert.Contains(first, error.Problem, StringComparison.Ordinal);
        Assert.Null(await fixture.Client.GetGrain<ISeekerGrain>(second).GetAsync());
    }

    [Fact]
    public async Task RegisterAsync_SameIdNumberAgain_RefusedSeekerNotLeftInSiteDirectory()
    {
        await _network.EnsureSitesAsync();
        var registration = TestNetwork.Registration(new DateOnly(1987, 5, 6), LabourStatus.Unemployed, fixture.Today);
        var first = TestNetwork.NewId("sk");
        var second = TestNetwork.NewId("sk");
        Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(first).RegisterAsync(registration)).Succeeded);

        var result = await fixture.Client.GetGrain<ISeekerGrain>(second).RegisterAsync(registration);

        Assert.Equal(CommandOutcome.Conflict, result.Outcome);
        var listed = await fixture.Client.GetGrain<ISiteDirectoryGrain>(TestNetwork.Village).FindSeekersAsync(string.Empty);
        Assert.Contains(first, listed);
        Assert.DoesNotContain(second, listed);
    }

    [Fact]
    public async Task GetSiteCodeAsync_RegisteredAndUnknown_SiteOrNull()
    {
        await _network.EnsureSitesAsync();
        var id = await _network.RegisterSeekerAsync(LabourStatus.Employed, fixture.Today.AddDays(-1));

        Assert.Equal(TestNetwork.Village, await fixture.Client.GetGrain<ISeekerRecordGrain>(id).GetSiteCodeAsync());
        Assert.Null(await fixture.Client.GetGrain<ISeekerRecordGrain>(TestNetwork.NewId("sk")).GetSiteCodeAsync());
    }

    [Fact]
    public async Task RegisterAsync_TenConcurrentWithOneIdNumber_ExactlyOneRegistered()
    {
        await _network.EnsureSitesAsync();
        var registration = TestNetwork.Registration(new DateOnly(1979, 11, 30), LabourStatus.Employed, fixture.Today);
        var ids = Enumerable.Range(0, 10).Select(_ => TestNetwork.NewId("sk")).ToArray();

        var results = await Task.WhenAll(ids.Select(id => fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(registration)));

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r =>
        {
            Assert.Equal(CommandOutcome.Conflict, r.Outcome);
            Assert.Equal(winner.Id, r.Id);
        });
        var owner = await fixture.Client.GetGrain<IIdCardRegistryGrain>(Keys.KeyOf(IdCardNumber.Parse(registration.IdNumber)))
            .GetOwnerAsync();
        Assert.Equal(winner.Id, owner);
    }

    [Fact]
    public async Task DeregisterAsync_Unemployed_KeptOutOfLabourForceAndNotPlaceable()
    {
        await _network.EnsureSitesAsync();
        var id = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, fixture.Today.AddDays(-30));
        var grain = fixture.Client.GetGrain<ISeekerGrain>(id);

        var result = await grain.DeregisterAsync(fixture.Today.AddDays(-1), "moved_away");
        var again = await grain.DeregisterAsync(fixture.Today, "other");
        var view = await grain.GetAsync();
        var placed = await fixture.Client.GetGrain<ISeekerRecordGrain>(id).PlaceAsync(TestNetwork.NewId("pl"), "po-x", fixture.Today);

        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        Assert.Equal(CommandOutcome.Ok, again.Outcome);
        Assert.NotNull(view);
        Assert.Equal(fixture.Today.AddDays(-1), view.DeregisteredOn);
        Assert.Equal("moved_away", view.DeregistrationReason);
        Assert.Equal(LabourStatus.NotInLabourForce, view.Status);
        Assert.Equal(fixture.Today.AddDays(-1), view.StatusSince);
        Assert.Equal(CommandOutcome.Conflict, placed.Result.Outcome);
    }

    [Fact]
    public async Task DeregisterAsync_UnknownOrFutureDate_NotFoundAndInvalid()
    {
        await _network.EnsureSitesAsync();
        var id = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, fixture.Today.AddDays(-3));

        var unknown = await fixture.Client.GetGrain<ISeekerGrain>(TestNetwork.NewId("sk")).DeregisterAsync(fixture.Today, "other");
        var future = await fixture.Client.GetGrain<ISeekerGrain>(id).DeregisterAsync(fixture.Today.AddDays(1), "other");

        Assert.Equal(CommandOutcome.NotFound, unknown.Outcome);
        Assert.Equal(CommandOutcome.Invalid, future.Outcome);
        Assert.Null((await fixture.Client.GetGrain<ISeekerGrain>(id).GetAsync())!.DeregisteredOn);
    }

    [Fact]
    public void KeyOf_IdNumber_IsKeyedHashNotTheNumber()
    {
        var number = IdCardNumber.Create("360722", new DateOnly(1990, 1, 1), 17);
        var other = new IdCardKeys(new IdCardKeyOptions { Secret = "another-secret" });

        var key = Keys.KeyOf(number);

        Assert.DoesNotContain(number.RevealFullNumber(), key, StringComparison.Ordinal);
        Assert.DoesNotContain(number.RevealFullNumber()[6..14], key, StringComparison.Ordinal);
        Assert.Equal(key, Keys.KeyOf(IdCardNumber.Parse(number.RevealFullNumber())));
        Assert.NotEqual(key, other.KeyOf(number));
    }

    [Fact]
    public async Task RegisterAsync_BadInput_ReturnsEveryFieldErrorAndClaimsNothing()
    {
        await _network.EnsureSitesAsync();
        var good = TestNetwork.Registration(new DateOnly(1992, 5, 5), LabourStatus.Unemployed, fixture.Today);
        var badCheck = good.IdNumber[..17] + (good.IdNumber[17] == '0' ? '1' : '0');
        var bad = good with { IdNumber = badCheck, Phone = "12345", StatusSince = fixture.Today.AddDays(1), Occupations = ["x-1"] };
        var id = TestNetwork.NewId("sk");

        var result = await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(bad);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        var fields = result.Errors.Select(e => e.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "id_card", "phone", "status_since", "occupations[0]" }, fields);
        Assert.All(result.Errors, e => Assert.DoesNotContain(badCheck, e.ToString(), StringComparison.Ordinal));
        Assert.Null(await fixture.Client.GetGrain<ISeekerGrain>(id).GetAsync());
        Assert.Null(await fixture.Client.GetGrain<IIdCardRegistryGrain>(Keys.KeyOf(IdCardNumber.Parse(good.IdNumber))).GetOwnerAsync());
    }

    [Fact]
    public async Task RegisterAsync_UnknownSite_NotFound()
    {
        var registration = TestNetwork.Registration(new DateOnly(1992, 5, 6), LabourStatus.Unemployed,
            fixture.Today) with { SiteCode = "V-NOWHERE" };

        var result = await fixture.Client.GetGrain<ISeekerGrain>(TestNetwork.NewId("sk")).RegisterAsync(registration);

        Assert.Equal(CommandOutcome.NotFound, result.Outcome);
        Assert.Equal("site_code", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task RegisterAsync_DerivedGroupsSupplied_AreIgnoredAndComputed()
    {
        await _network.EnsureSitesAsync();
        var typed = KeyGroups.Unemployed | KeyGroups.Youth16To24 | KeyGroups.ZeroEmploymentHousehold | KeyGroups.Veteran;
        var employed = await _network.RegisterSeekerAsync(LabourStatus.Employed, fixture.Today, typed, new DateOnly(2005, 1, 1));
        var unemployedYouth = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, fixture.Today, KeyGroups.None,
            fixture.Today.AddYears(-20));
        var unemployedAdult = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, fixture.Today, KeyGroups.Youth16To24,
            fixture.Today.AddYears(-25));

        Assert.Equal(KeyGroups.Veteran, (await fixture.Client.GetGrain<ISeekerGrain>(employed).GetAsync())!.KeyGroups);
        Assert.Equal(KeyGroups.Unemployed | KeyGroups.Youth16To24,
            (await fixture.Client.GetGrain<ISeekerGrain>(unemployedYouth).GetAsync())!.KeyGroups);
        Assert.Equal(KeyGroups.Unemployed, (await fixture.Client.GetGrain<ISeekerGrain>(unemployedAdult).GetAsync())!.KeyGroups);
    }

    [Fact]
    public async Task RegisterAsync_ClaimLeftByUnfinishedRegistration_IsTakenOver()
    {
        await _network.EnsureSitesAsync();
        var registration = TestNetwork.Registration(new DateOnly(1970, 3, 3), LabourStatus.Unemployed, fixture.Today);
        var number = IdCardNumber.Parse(registration.IdNumber);
        var registry = fixture.Client.GetGrain<IIdCardRegistryGrain>(Keys.KeyOf(number));
        Assert.True((await registry.ClaimAsync("sk-never-written", number.Masked)).Granted);
        var id = TestNetwork.NewId("sk");

        var result = await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(registration);

        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        Assert.Equal(id, await registry.GetOwnerAsync());
    }

    [Fact]
    public async Task RegisterAsync_FreeNumbers_ClaimedWithoutActivatingTheirRegistry()
    {
        await _network.EnsureSitesAsync();
        var registrations = Enumerable.Range(0, 3)
            .Select(i => TestNetwork.Registration(new DateOnly(1984, 2, 10 + i), LabourStatus.Unemployed, fixture.Today))
            .ToArray();
        var keys = registrations.Select(r => Keys.KeyOf(IdCardNumber.Parse(r.IdNumber))).ToArray();
        var registries = keys.Select(k => fixture.Client.GetGrain<IIdCardRegistryGrain>(k).GetGrainId()).ToArray();

        var results = await Task.WhenAll(registrations.Select(r => fixture.Client.GetGrain<ISeekerGrain>(TestNetwork.NewId("sk"))
            .RegisterAsync(r)));

        Assert.All(results, r => Assert.Equal(CommandOutcome.Ok, r.Outcome));
        var active = (await fixture.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(registries[0].Type)).ToHashSet();
        Assert.DoesNotContain(registries, active.Contains);
        for (var i = 0; i < registrations.Length; i++)
        {
            // The claims are the registry's own rows: the grain, activated now, reads each holder.
            Assert.Equal(results[i].Id, await fixture.Client.GetGrain<IIdCardRegistryGrain>(keys[i]).GetOwnerAsync());
        }
    }

    [Fact]
    public async Task RegisterAsync_NumberReadFreeByAnActiveRegistry_HeldOnceAndTheRegistryKnowsTheHolder()
    {
        await _network.EnsureSitesAsync();
        var registration = TestNetwork.Registration(new DateOnly(1983, 4, 5), LabourStatus.Unemployed, fixture.Today);
        var registry = fixture.Client.GetGrain<IIdCardRegistryGrain>(Keys.KeyOf(IdCardNumber.Parse(registration.IdNumber)));
        // An activation that read the number free before the claim was inserted behind it.
        Assert.Null(await registry.GetOwnerAsync());
        var first = TestNetwork.NewId("sk");
        var second = TestNetwork.NewId("sk");

        var granted = await fixture.Client.GetGrain<ISeekerGrain>(first).RegisterAsync(registration);
        var refused = await fixture.Client.GetGrain<ISeekerGrain>(second).RegisterAsync(registration with { Name = "王五" });
        var claimedAgain = await registry.ClaimAsync(TestNetwork.NewId("sk"), "360***********0000");

        Assert.Equal(CommandOutcome.Ok, granted.Outcome);
        Assert.Equal(CommandOutcome.Conflict, refused.Outcome);
        Assert.Equal(first, refused.Id);
        Assert.False(claimedAgain.Granted);
        Assert.Equal(first, claimedAgain.OwnerSeekerId);
        Assert.Equal(first, await registry.GetOwnerAsync());
        Assert.Null(await fixture.Client.GetGrain<ISeekerGrain>(second).GetAsync());
    }

    [Fact]
    public async Task AddFollowUpAsync_ValidAndFuture_RecordsOnlyTheValidOne()
    {
        await _network.EnsureSitesAsync();
        var id = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, fixture.Today.AddMonths(-4));
        var seeker = fixture.Client.GetGrain<ISeekerGrain>(id);

        var ok = await seeker.AddFollowUpAsync(new FollowUp(fixture.Today, "phone", "推荐了两个岗位", "staff-07"));
        var future = await seeker.AddFollowUpAsync(new FollowUp(fixture.Today.AddDays(1), "visit", "上门", "staff-07"));

        Assert.Equal(CommandOutcome.Ok, ok.Outcome);
        Assert.Equal(CommandOutcome.Invalid, future.Outcome);
        Assert.Equal("date", Assert.Single(future.Errors).Field);
        var view = await seeker.GetAsync();
        Assert.Equal("phone", Assert.Single(view!.FollowUps).Kind);
    }

    [Fact]
    public async Task RegisterAsync_CorrectionWithOtherIdNumber_RefusedAndRecordUnchanged()
    {
        await _network.EnsureSitesAsync();
        var registration = TestNetwork.Registration(new DateOnly(1986, 8, 8), LabourStatus.Unemployed, fixture.Today);
        var other = TestNetwork.Registration(new DateOnly(1986, 8, 8), LabourStatus.Unemployed, fixture.Today);
        var id = TestNetwork.NewId("sk");
        var seeker = fixture.Client.GetGrain<ISeekerGrain>(id);
        Assert.True((await seeker.RegisterAsync(registration)).Succeeded);

        var result = await seeker.RegisterAsync(other with { Name = "改名" });

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal("id_card", Assert.Single(result.Errors).Field);
        var view = await seeker.GetAsync();
        Assert.Equal(registration.Name, view!.Name);
        Assert.Equal(Masking.IdCard(registration.IdNumber), view.IdNumberMasked);
    }

    [Fact]
    public async Task RegisterAsync_StatusCorrectedDuringActivePlacement_Refused()
    {
        await _network.EnsureSitesAsync();
        var registration = TestNetwork.Registration(new DateOnly(1987, 9, 9), LabourStatus.Unemployed, fixture.Today.AddDays(-9));
        var id = TestNetwork.NewId("sk");
        var seeker = fixture.Client.GetGrain<ISeekerGrain>(id);
        Assert.True((await seeker.RegisterAsync(registration)).Succeeded);
        var postId = await _network.OpenPostAsync(1);
        Assert.True((await fixture.Client.GetGrain<IPlacementGrain>(TestNetwork.NewId("pl"))
            .PlaceAsync(new PlacementRequest(id, postId, fixture.Today))).Succeeded);

        var result = await seeker.RegisterAsync(registration with { Status = LabourStatus.NotInLabourForce });

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal("status", Assert.Single(result.Errors).Field);
        Assert.Equal(LabourStatus.Employed, (await seeker.GetAsync())!.Status);
    }
}
