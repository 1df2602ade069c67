using JobHome.Domain.Sites;
using JobHome.Grains.Sites;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Sites;

/// <summary>Runs on every store: see the sealed subclasses in Stores/.</summary>
public abstract class SiteGrainTests(ClusterFixture fixture)
{
    private readonly TestNetwork _network = new(fixture);

    [Fact]
    public async Task RegisterAsync_ChildOfRegisteredParent_ParentListsChildOnce()
    {
        await _network.EnsureSitesAsync();
        var code = "V" + TestNetwork.NewId("9").Replace("-", string.Empty, StringComparison.Ordinal);
        var profile = new SiteProfile(code, "新田村就业之家", SiteKind.Village, TestNetwork.Township, 25.3, 114.9, true);

        var first = await fixture.Client.GetGrain<ISiteGrain>(code).RegisterAsync(profile);
        var again = await fixture.Client.GetGrain<ISiteGrain>(code).RegisterAsync(profile);

        Assert.Equal(CommandOutcome.Ok, first.Outcome);
        Assert.Equal(CommandOutcome.Ok, again.Outcome);
        var parent = await fixture.Client.GetGrain<ISiteGrain>(TestNetwork.Township).GetAsync();
        Assert.NotNull(parent);
        Assert.Single(parent.Children, c => c == code);
        var site = await fixture.Client.GetGrain<ISiteGrain>(code).GetAsync();
        Assert.Equal(SiteKind.Village, site!.Profile.Kind);
        Assert.Equal(TestNetwork.Township, site.Profile.ParentCode);
    }

    [Fact]
    public async Task RegisterAsync_BadFields_ReturnsEveryFieldErrorAndStoresNothing()
    {
        await _network.EnsureSitesAsync();
        const string code = "VBAD01";
        var profile = new SiteProfile(code, "新田村", SiteKind.Village, TestNetwork.Township, 95, 114.9, true) { Volunteers = -1 };

        var result = await fixture.Client.GetGrain<ISiteGrain>(code).RegisterAsync(profile);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(["name", "location", "staff"], result.Errors.Select(e => e.Field).ToArray());
        Assert.All(result.Errors, e => Assert.Contains("(", e.Rule, StringComparison.Ordinal));
        Assert.Null(await fixture.Client.GetGrain<ISiteGrain>(code).GetAsync());
        var parent = await fixture.Client.GetGrain<ISiteGrain>(TestNetwork.Township).GetAsync();
        Assert.DoesNotContain(code, parent!.Children);
    }

    [Fact]
    public async Task RegisterAsync_VillageUnderCounty_RefusedByTreeRule()
    {
        await _network.EnsureSitesAsync();
        var profile = new SiteProfile("VBAD02", "错挂村就业之家", SiteKind.Village, "X360722", 25.3, 114.9, true);

        var result = await fixture.Client.GetGrain<ISiteGrain>("VBAD02").RegisterAsync(profile);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal("parent_code", error.Field);
        Assert.Contains("层级", error.Rule, StringComparison.Ordinal);
        Assert.Null(await fixture.Client.GetGrain<ISiteGrain>("VBAD02").GetAsync());
    }

    [Fact]
    public async Task RegisterAsync_UnknownParent_NotFound()
    {
        var profile = new SiteProfile("VBAD03", "孤村就业之家", SiteKind.Village, "T-NOWHERE", 25.3, 114.9, true);

        var result = await fixture.Client.GetGrain<ISiteGrain>("VBAD03").RegisterAsync(profile);

        Assert.Equal(CommandOutcome.NotFound, result.Outcome);
        Assert.Equal("parent_code", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task RegisterAsync_ParentChangedOnCorrection_Refused()
    {
        await _network.EnsureSitesAsync();
        var village = await fixture.Client.GetGrain<ISiteGrain>(TestNetwork.Village).GetAsync();
        var moved = village!.Profile with { ParentCode = "X360722" };

        var result = await fixture.Client.GetGrain<ISiteGrain>(TestNetwork.Village).RegisterAsync(moved);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Errors, e => e.Field == "parent_code");
        Assert.Equal(TestNetwork.Township, (await fixture.Client.GetGrain<ISiteGrain>(TestNetwork.Village).GetAsync())!.Profile.ParentCode);
    }
}
