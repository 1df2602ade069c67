using JobHome.Domain.Indicators;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// An aggregator's record entries on activation (<see cref="SiteSources"/>): a site without children and with few
/// records keeps them in its own row (<see cref="SiteIndicatorsState.Sources"/>, where states stored before the shards held
/// them too); a larger one moves them into the shards, counts them once and empties the row; entries found in both (a
/// move cut short) are merged, the newer version winning. A site directory stored before its lists were sharded moves
/// them into shards. Runs on every store.
/// </summary>
public abstract class SiteIndicatorsShardMigrationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Activation_OldStateWithFewEntriesAtALeaf_KeepsThemInItsRowAndCountsThemOnce()
    {
        var code = TestNetwork.NewId("VMIG");
        var grain = fixture.Client.GetGrain<ISiteIndicatorsGrain>(code);
        var grainId = grain.GetGrainId();
        var since = new DateOnly(2025, 12, 1);
        var old = new SiteIndicatorsState();
        old.Sources["seeker:a"] = SourceEntry.Of(3, IndicatorContribution.Person(Domain.People.LabourStatus.Employed, since, 1));
        old.Sources["seeker:b"] = SourceEntry.Of(1, IndicatorContribution.Person(Domain.People.LabourStatus.Unemployed, since, 0));
        old.Sources["post:c"] = SourceEntry.Of(2, IndicatorContribution.Post(openings: 5, taken: 1, closed: false));
        await Storage.WriteStateAsync("indicators", grainId, new GrainState<SiteIndicatorsState>(old));

        var counts = await grain.GetCountsAsync();

        Assert.Equal(1, counts.Employed);
        Assert.Equal(1, counts.Placements);
        Assert.Equal(1, counts.OpenPosts);
        Assert.Equal(4, counts.Openings);
        Assert.Equal(1, counts.UnemployedBySince[since]);
        var held = await fixture.Client.GetGrain<IRecountSourcesGrain>(code).GetHeldVersionsAsync();
        Assert.Equal(["post:c", "seeker:a", "seeker:b"], held.Ids);
        Assert.Equal([2L, 3L, 1L], held.Versions);
        // A site without children and with few records keeps them in its own row (SiteSources): nothing moved.
        Assert.Equal(["post:c", "seeker:a", "seeker:b"], (await ReadRowAsync(grainId)).Keys.Order(StringComparer.Ordinal));
        Assert.Empty(await ReadShardsAsync(grainId));
    }

    [Fact]
    public async Task Activation_OldStateWithMoreEntriesThanTheRowKeeps_MovesThemIntoShardsAndCountsThemOnce()
    {
        var code = TestNetwork.NewId("VMIGL");
        var grain = fixture.Client.GetGrain<ISiteIndicatorsGrain>(code);
        var grainId = grain.GetGrainId();
        var since = new DateOnly(2025, 12, 1);
        var old = new SiteIndicatorsState();
        var ids = Enumerable.Range(0, SiteSources.SingleRowLimit + 6).Select(i => $"seeker:{i}").ToArray();
        foreach (var id in ids)
        {
            old.Sources[id] = SourceEntry.Of(2, IndicatorContribution.Person(Domain.People.LabourStatus.Unemployed, since, 0));
        }
        await Storage.WriteStateAsync("indicators", grainId, new GrainState<SiteIndicatorsState>(old));

        var counts = await grain.GetCountsAsync();

        Assert.Equal(ids.Length, counts.UnemployedBySince[since]);
        Assert.Empty(await ReadRowAsync(grainId));
        var shards = await ReadShardsAsync(grainId);
        Assert.Equal(ids.Order(StringComparer.Ordinal), shards.Keys.Order(StringComparer.Ordinal));
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(ids.Length, (await grain.GetCountsAsync()).UnemployedBySince[since]);
    }

    [Fact]
    public async Task Activation_EntriesInTheRowAndInShards_MergedNewestVersionWinsIntoShardsAndRowEmptied()
    {
        // What a crash in the middle of a move leaves (shards written, the row not yet emptied), with versions that differ.
        var code = TestNetwork.NewId("VMIGC");
        var grain = fixture.Client.GetGrain<ISiteIndicatorsGrain>(code);
        var grainId = grain.GetGrainId();
        var since = new DateOnly(2025, 12, 1);
        var employed = IndicatorContribution.Person(Domain.People.LabourStatus.Employed, since, 0);
        var unemployed = IndicatorContribution.Person(Domain.People.LabourStatus.Unemployed, since, 0);
        var old = new SiteIndicatorsState();
        old.Sources["seeker:newer-in-row"] = SourceEntry.Of(5, employed);
        old.Sources["seeker:older-in-row"] = SourceEntry.Of(1, unemployed);
        old.Sources["seeker:row-only"] = SourceEntry.Of(1, unemployed);
        await Storage.WriteStateAsync("indicators", grainId, new GrainState<SiteIndicatorsState>(old));
        await WriteShardEntryAsync(grainId, "seeker:newer-in-row", SourceEntry.Of(4, unemployed));
        await WriteShardEntryAsync(grainId, "seeker:older-in-row", SourceEntry.Of(2, employed));
        await WriteShardEntryAsync(grainId, "seeker:shard-only", SourceEntry.Of(1, employed));

        var counts = await grain.GetCountsAsync();

        Assert.Equal(3, counts.Employed);
        Assert.Equal(1, counts.UnemployedBySince[since]);
        Assert.Empty(await ReadRowAsync(grainId));
        var shards = await ReadShardsAsync(grainId);
        Assert.Equal(5, shards["seeker:newer-in-row"].Version);
        Assert.Equal(2, shards["seeker:older-in-row"].Version);
        Assert.Equal(4, shards.Count);
    }

    [Fact]
    public async Task Activation_OldDirectoryState_MovesListsIntoShards()
    {
        var code = TestNetwork.NewId("VMIGD");
        var grain = fixture.Client.GetGrain<ISiteDirectoryGrain>(code);
        var grainId = grain.GetGrainId();
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var old = new SiteDirectoryState();
        old.Seekers["sk-a"] = "张三";
        old.Seekers["sk-b"] = "李四";
        old.Households["hh-c"] = true;
        old.Posts["post-d"] = true;
        await storage.WriteStateAsync("directory", grainId, new GrainState<SiteDirectoryState>(old));

        Assert.Equal(["sk-b"], await grain.FindSeekersAsync("李"));
        Assert.Equal(["hh-c"], await grain.GetHouseholdsAsync());
        Assert.Equal(["post-d"], await grain.GetPostsAsync());
        await grain.PutSeekerAsync("sk-e", "王五");
        Assert.Equal(["sk-a", "sk-b", "sk-e"], await grain.FindSeekersAsync(""));
        var reread = new GrainState<SiteDirectoryState>(new SiteDirectoryState());
        await storage.ReadStateAsync("directory", grainId, reread);
        Assert.Empty(reread.State!.Seekers);
        Assert.Empty(reread.State.Households);
        Assert.Empty(reread.State.Posts);
    }

    [Fact]
    public void ShardOf_IsStableAndInRange()
    {
        Assert.Equal(ShardedMap<SourceEntry>.ShardOf("seeker:a"), ShardedMap<bool>.ShardOf("seeker:a"));
        var shards = Enumerable.Range(0, 1000).Select(i => ShardedMap<bool>.ShardOf($"seeker:{i}")).ToArray();
        Assert.All(shards, s => Assert.InRange(s, 0, ShardedMap<bool>.ShardCount - 1));
        Assert.Equal(ShardedMap<bool>.ShardCount, shards.Distinct().Count());
        // FNV-1a of "a" is 0xE40C292C; 0xE40C292C % 16 = 12 (fixed, so stored shards never move).
        Assert.Equal(12, ShardedMap<bool>.ShardOf("a"));
    }

    private IGrainStorage Storage =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    private async Task<Dictionary<string, SourceEntry>> ReadRowAsync(GrainId grainId)
    {
        var row = new GrainState<SiteIndicatorsState>(new SiteIndicatorsState());
        await Storage.ReadStateAsync("indicators", grainId, row);
        return row.State!.Sources;
    }

    private async Task<Dictionary<string, SourceEntry>> ReadShardsAsync(GrainId grainId)
    {
        var entries = new Dictionary<string, SourceEntry>(StringComparer.Ordinal);
        for (var i = 0; i < ShardedMap<SourceEntry>.ShardCount; i++)
        {
            var shard = new GrainState<MapShard<SourceEntry>>(new MapShard<SourceEntry>());
            await Storage.ReadStateAsync($"indicator-sources-{i}", grainId, shard);
            foreach (var (id, entry) in shard.State?.Entries ?? [])
            {
                entries[id] = entry;
            }
        }
        return entries;
    }

    private async Task WriteShardEntryAsync(GrainId grainId, string id, SourceEntry entry)
    {
        var name = $"indicator-sources-{ShardedMap<SourceEntry>.ShardOf(id)}";
        var shard = new GrainState<MapShard<SourceEntry>>(new MapShard<SourceEntry>());
        await Storage.ReadStateAsync(name, grainId, shard);
        shard.State ??= new MapShard<SourceEntry>();
        shard.State.Entries[id] = entry;
        await Storage.WriteStateAsync(name, grainId, shard);
    }
}
