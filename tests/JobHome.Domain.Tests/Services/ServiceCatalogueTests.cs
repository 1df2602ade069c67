using JobHome.Domain.Services;
using JobHome.Domain.Sites;
using JobHome.Tests.Shared;

namespace JobHome.Domain.Tests.Services;

public sealed class ServiceCatalogueTests
{
    [Theory]
    [InlineData(SiteKind.County, 15)]
    [InlineData(SiteKind.Province, 15)]
    [InlineData(SiteKind.City, 15)]
    [InlineData(SiteKind.Township, 11)]
    [InlineData(SiteKind.Community, 8)]
    [InlineData(SiteKind.Village, 8)]
    [InlineData(SiteKind.IndustrialPark, 6)]
    [InlineData(SiteKind.School, 7)]
    public void For_Kind_HasSeedItemCount(SiteKind kind, int count)
    {
        var items = ServiceCatalogue.For(kind);
        Assert.Equal(count, items.Count);
        Assert.Equal(Enumerable.Range(1, count), items.Select(i => i.Number));
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.English)));
    }

    [Fact]
    public void For_SpecialItems_PresentWhereSeedPutsThem()
    {
        Assert.Equal("就业指挥监测", ServiceCatalogue.County[12].Chinese);
        Assert.Equal("高新区企业用工统计监测服务", ServiceCatalogue.IndustrialPark[4].Chinese);
        Assert.Equal("毕业生就业情况统计监测服务", ServiceCatalogue.School[5].Chinese);
        Assert.Equal("劳动力资源调查服务", ServiceCatalogue.Township[0].Chinese);
    }

    [Trait("Category", "Seeds")]
    [Fact]
    public void For_EveryChineseName_AppearsVerbatimInSeed()
    {
        var seed = SeedFiles.Read("000_");
        foreach (var kind in Enum.GetValues<SiteKind>())
        {
            foreach (var item in ServiceCatalogue.For(kind))
            {
                Assert.True(seed.Contains(item.Chinese + "；", StringComparison.Ordinal) || seed.Contains(item.Chinese + "。", StringComparison.Ordinal), item.Chinese);
            }
        }
    }

    [Fact]
    public void Missing_SomeOffered_ListsTheRest()
    {
        var missing = ServiceCatalogue.Missing(SiteKind.School, [1, 2, 3, 4, 5, 7]);
        Assert.Equal(6, Assert.Single(missing).Number);
    }
}
