using JobHome.Domain.Sites;
using JobHome.Grains.Sites;

namespace JobHome.Silo.Tests.Fixtures;

/// <summary>A five-tier test tree registered through the site grains: P{tree} → C{tree} → X{tree} → T{tree} → V{tree}.</summary>
internal static class TestSiteTree
{
    /// <summary>Registers province, city, county, township and (rural) village; every registration must succeed.</summary>
    public static async Task RegisterAsync(IGrainFactory grains, string tree)
    {
        SiteProfile[] sites =
        [
            new("P" + tree, "测试省就业之家", SiteKind.Province, null, 28.6, 115.8, false),
            new("C" + tree, "测试市就业之家", SiteKind.City, "P" + tree, 25.8, 114.9, false),
            new("X" + tree, "测试县就业之家", SiteKind.County, "C" + tree, 25.4, 114.9, false),
            new("T" + tree, "测试镇就业之家", SiteKind.Township, "X" + tree, 25.4, 114.9, false),
            new("V" + tree, "测试村就业之家", SiteKind.Village, "T" + tree, 25.4, 114.9, true),
        ];
        foreach (var site in sites)
        {
            var result = await grains.GetGrain<ISiteGrain>(site.Code).RegisterAsync(site);
            Assert.True(result.Succeeded, $"{site.Code}: {string.Join("; ", result.Errors)}");
        }
    }
}
