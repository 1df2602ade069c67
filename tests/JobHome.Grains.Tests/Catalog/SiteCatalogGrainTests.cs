using JobHome.Domain.Sites;
using JobHome.Grains.Catalog;
using JobHome.Grains.Sites;
using JobHome.Grains.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Catalog;

/// <summary>Runs on every store: see the sealed subclasses in Stores/.</summary>
public abstract class SiteCatalogGrainTests(ClusterFixture fixture)
{
    private readonly TestNetwork _network = new(fixture);

    [Fact]
    public async Task RegisterAsync_Site_CataloguedWithAncestorsRootFirst()
    {
        await _network.EnsureSitesAsync();

        var entry = await fixture.Client.GetGrain<ISiteCatalogGrain>(SiteCatalog.ShardOf(TestNetwork.Village))
            .FindAsync(TestNetwork.Village);

        Assert.NotNull(entry);
        Assert.Equal(["P36", "C3607", "X360722", TestNetwork.Township], entry.Ancestors);
        Assert.Equal(TestNetwork.Township, entry.ParentCode);
        Assert.Equal(SiteKind.Village, entry.Kind);
        Assert.Equal("花园村就业之家", entry.Name);
    }

    [Fact]
    public async Task RegisterAsync_Correction_ReplacesTheEntry()
    {
        await _network.EnsureSitesAsync();
        var code = "VC" + TestNetwork.NewId("1").Replace("-", string.Empty, StringComparison.Ordinal);
        var profile = new SiteProfile(code, "旧名村就业之家", SiteKind.Village, TestNetwork.Township, 25.3, 114.9, true);
        await fixture.Client.GetGrain<ISiteGrain>(code).RegisterAsync(profile);

        var corrected = await fixture.Client.GetGrain<ISiteGrain>(code).RegisterAsync(profile with { Name = "新名村就业之家", Lat = 25.4 });

        Assert.True(corrected.Succeeded);
        var found = await SiteCatalog.SearchAsync(fixture.Client, code, 10);
        var entry = Assert.Single(found);
        Assert.Equal("新名村就业之家", entry.Name);
        Assert.Equal(25.4, entry.Lat);
    }

    [Fact]
    public async Task SubtreeAsync_County_ReturnsCountyAndEverySiteBelowOnly()
    {
        await _network.EnsureSitesAsync();

        var subtree = await SiteCatalog.SubtreeAsync(fixture.Client, "X360722");

        Assert.Contains(subtree, e => e.Code == "X360722");
        Assert.Contains(subtree, e => e.Code == TestNetwork.Township);
        Assert.Contains(subtree, e => e.Code == TestNetwork.Village);
        Assert.DoesNotContain(subtree, e => e.Code is "P36" or "C3607");
        Assert.All(subtree, e => Assert.True(e.IsIn("X360722")));
        Assert.Equal(subtree.Select(e => e.Code).Order(StringComparer.Ordinal), subtree.Select(e => e.Code));
    }

    [Fact]
    public async Task SearchAsync_EntriesInSeveralShards_ExactCodeThenPrefixThenNameAndLimitKept()
    {
        var stem = "QS" + TestNetwork.NewId("7").Replace("-", string.Empty, StringComparison.Ordinal);
        SiteCatalogEntry[] entries =
        [
            new(stem + "B", $"{stem}乙村就业之家", SiteKind.Village, null, 25, 114, []),
            new(stem, "甲镇就业之家", SiteKind.Township, null, 25, 114, []),
            new(stem + "A", "丙村就业之家", SiteKind.Village, null, 25, 114, []),
            new("ZZ" + stem, $"名称含{stem.ToLowerInvariant()}", SiteKind.Village, null, 25, 114, []),
        ];
        foreach (var entry in entries)
        {
            await fixture.Client.GetGrain<ISiteCatalogGrain>(SiteCatalog.ShardOf(entry.Code)).PutAsync(entry);
        }
        Assert.True(entries.Select(e => SiteCatalog.ShardOf(e.Code)).Distinct().Count() > 1, "the test needs several shards");

        var all = await SiteCatalog.SearchAsync(fixture.Client, stem.ToLowerInvariant(), 10);
        var two = await SiteCatalog.SearchAsync(fixture.Client, stem, 2);

        Assert.Equal([stem, stem + "A", stem + "B", "ZZ" + stem], all.Select(e => e.Code).ToArray());
        Assert.Equal([stem, stem + "A"], two.Select(e => e.Code).ToArray());
    }

    [Fact]
    public async Task SearchAsync_BlankQuery_FindsNothing()
    {
        await _network.EnsureSitesAsync();

        var found = await fixture.Client.GetGrain<ISiteCatalogGrain>(SiteCatalog.ShardOf(TestNetwork.Village)).SearchAsync("  ", 10);

        Assert.Empty(found);
    }

    [Fact]
    public void StorageSerializer_CatalogStateTwice_KeepsEveryEntry()
    {
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainStorageSerializer>();
        var state = new SiteCatalogState();
        state.Sites["A1"] = new SiteCatalogEntry("A1", "甲村就业之家", SiteKind.Village, "T1", 25.1, 114.2, ["P", "C", "X", "T1"]);
        state.Sites["A2"] = new SiteCatalogEntry("A2", "乙村就业之家", SiteKind.Village, "T1", 25.1, 114.2, ["P", "C", "X", "T1"]);

        var once = storage.Deserialize<SiteCatalogState>(storage.Serialize(state))!;
        var twice = storage.Deserialize<SiteCatalogState>(storage.Serialize(once))!;

        Assert.Equal(2, twice.Sites.Count);
        Assert.True(SiteCatalog.SameEntry(state.Sites["A1"], twice.Sites["A1"]));
        Assert.True(SiteCatalog.SameEntry(state.Sites["A2"], twice.Sites["A2"]));
    }

    [Fact]
    public void ShardOf_SameCode_SameShardWithinRange()
    {
        var shards = Enumerable.Range(0, 2000).Select(i => SiteCatalog.ShardOf($"3607{i:D8}")).ToArray();

        Assert.All(shards, s => Assert.InRange(s, 0, SiteCatalog.ShardCount - 1));
        Assert.Equal(SiteCatalog.ShardOf("360722100201"), SiteCatalog.ShardOf("360722100201"));
        // Codes sharing a long prefix still spread over (nearly) every shard.
        Assert.True(shards.Distinct().Count() >= SiteCatalog.ShardCount - 2);
    }

    [Theory]
    [InlineData("X360722", 0)]
    [InlineData("x3607", 1)]
    [InlineData("信丰", 2)]
    [InlineData("赣州", -1)]
    public void Rank_Query_ExactPrefixNameOrNone(string query, int expected)
    {
        var entry = new SiteCatalogEntry("X360722", "信丰县就业之家", SiteKind.County, "C3607", 25, 114, ["P36", "C3607"]);

        Assert.Equal(expected, SiteCatalog.Rank(entry, query));
    }
}
