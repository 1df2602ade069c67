using JobHome.Domain.Sites;
using JobHome.Grains.Indicators;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// Which stream a site's records go on (township streams), and how a township tells its members' entries from its own.
/// </summary>
public sealed class IndicatorStreamKeyTests
{
    [Theory]
    [InlineData(SiteKind.Village, "V1", "T1", "T1")]
    [InlineData(SiteKind.Community, "C1", "T1", "T1")]
    [InlineData(SiteKind.Township, "T1", "X1", "T1")]
    [InlineData(SiteKind.County, "X1", "C1", "X1")]
    [InlineData(SiteKind.City, "C1", "P1", "C1")]
    [InlineData(SiteKind.Province, "P1", null, "P1")]
    [InlineData(SiteKind.IndustrialPark, "I1", "X1", "I1")]
    [InlineData(SiteKind.School, "S1", "C1", "S1")]
    public void KeyOf_VillagesAndCommunitiesOnTheirTownship_EveryOtherSiteOnItsOwn(SiteKind kind, string code, string? parent,
        string expected) =>
        Assert.Equal(expected, IndicatorStreams.KeyOf(code, kind, parent));

    [Fact]
    public void MemberKey_RoundTrips_AndOwnSourceIdsAreNeverMembers()
    {
        var key = SiteIndicatorsGrain.MemberKey("360722101001", "seeker/sk-0193|odd");
        Assert.Equal("360722101001", SiteIndicatorsGrain.MemberOf(key));
        Assert.Null(SiteIndicatorsGrain.MemberOf("seeker/sk-0193"));
        // A source id holding '|' is still the site's own: what precedes it is not a site code (lower case, '/').
        Assert.Null(SiteIndicatorsGrain.MemberOf("post/p|360722101001"));
        Assert.Null(SiteIndicatorsGrain.MemberOf("|seeker/x"));
    }

    [Fact]
    public void HostsChildren_OnlyTownships() =>
        Assert.Equal([SiteKind.Township], Enum.GetValues<SiteKind>().Where(IndicatorStreams.HostsChildren));
}
