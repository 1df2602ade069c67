using JobHome.Domain.Geography;
using JobHome.Domain.Sites;

namespace JobHome.Domain.Tests.Sites;

public sealed class SiteTreeTests
{
    private static readonly GeoPoint P = new(25.39, 114.92);

    private static Site S(string code, SiteKind kind, string? parent) => new(code, code + "就业之家", kind, parent, P, kind == SiteKind.Village, new StaffCounts(1, 1, 0));

    private static SiteTree Base()
    {
        var tree = new SiteTree();
        tree.Add(S("P", SiteKind.Province, null));
        tree.Add(S("C", SiteKind.City, "P"));
        tree.Add(S("K", SiteKind.County, "C"));
        tree.Add(S("T", SiteKind.Township, "K"));
        return tree;
    }

    [Theory]
    [InlineData(SiteKind.Village, "T")]
    [InlineData(SiteKind.Community, "T")]
    [InlineData(SiteKind.IndustrialPark, "K")]
    [InlineData(SiteKind.IndustrialPark, "C")]
    [InlineData(SiteKind.School, "K")]
    [InlineData(SiteKind.School, "C")]
    public void TryAdd_AllowedParentKind_Succeeds(SiteKind kind, string parent)
    {
        var tree = Base();
        Assert.True(tree.TryAdd(S("X", kind, parent)).IsValid);
        Assert.Equal(5, tree.Count);
        Assert.Equal(parent, tree.Find("X")!.ParentCode);
    }

    [Theory]
    [InlineData(SiteKind.Village, "K")]
    [InlineData(SiteKind.Village, "C")]
    [InlineData(SiteKind.Community, "K")]
    [InlineData(SiteKind.Township, "C")]
    [InlineData(SiteKind.County, "P")]
    [InlineData(SiteKind.IndustrialPark, "T")]
    [InlineData(SiteKind.School, "P")]
    [InlineData(SiteKind.City, "K")]
    public void TryAdd_WrongParentKind_FailsAndLeavesTreeUnchanged(SiteKind kind, string parent)
    {
        var tree = Base();
        var result = tree.TryAdd(S("X", kind, parent));
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Field == "parent_code");
        Assert.Equal(4, tree.Count);
        Assert.Null(tree.Find("X"));
    }

    [Fact]
    public void TryAdd_MissingParentDuplicateCodeBadName_ReportsAll()
    {
        var tree = Base();
        var result = tree.TryAdd(new Site("T", "T站", SiteKind.Village, "NOPE", new GeoPoint(100, 0), true, new StaffCounts(-1, 0, 0)));
        var fields = result.Errors.Select(e => e.Field).ToList();
        Assert.Contains("code", fields);
        Assert.Contains("name", fields);
        Assert.Contains("parent_code", fields);
        Assert.Contains("location", fields);
        Assert.Contains("staff", fields);
    }

    [Fact]
    public void Ancestors_Village_ReturnsChainToProvince()
    {
        var tree = Base();
        tree.Add(S("V", SiteKind.Village, "T"));
        Assert.Equal(["T", "K", "C", "P"], tree.Ancestors("V").Select(s => s.Code));
        Assert.Equal(["P", "C", "K", "T", "V"], tree.Sites.Select(s => s.Code));
    }

    [Theory]
    [InlineData("province", SiteKind.Province)]
    [InlineData("industrial_park", SiteKind.IndustrialPark)]
    [InlineData("school", SiteKind.School)]
    [InlineData("village", SiteKind.Village)]
    public void SiteKinds_Token_RoundTrips(string token, SiteKind kind)
    {
        Assert.True(SiteKinds.TryParse(token, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(token, kind.ToToken());
    }
}
