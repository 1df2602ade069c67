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
/// An aggregator stored before its record entries were sharded (every entry in <see cref="SiteIndicatorsState.Sources"/>)
/// moves them into the shards on activation, counts them once, and empties the old map; the same for a site directory
/// stored before its lists were sharded. Runs on every store.
/// </summary>
public abstract class SiteIndicatorsShardMigrationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Activation_OldStateWithAllEntries_MovesThemIntoShardsAndCountsThemOnce()
    {
        var code = TestNetwork.NewId("VMIG");
        var grain = fixture.Client.GetGrain<ISiteIndicatorsGrain>(code);
        var grainId = grain.GetGrainId();
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var since = new DateOnly(2025, 12, 1);
        var old = new SiteIndicatorsState();
        old.Sources["seeker:a"] = SourceEntry.Of(3, IndicatorContribution.Person(Domain.People.LabourStatus.Employed, since, 1));
        old.Sources["seeker:b"] = SourceEntry.Of(1, IndicatorContribution.Person(Domain.People.LabourStatus.Unemployed, since, 0));
        old.Sources["post:c"] = SourceEntry.Of(2, IndicatorContribution.Post(openings: 5, taken: 1, closed: false));
        await storage.WriteStateAsync("indicators", grainId, new GrainState<SiteIndicatorsState>(old));

        var counts = await grain.GetCountsAsync();

        Assert.Equal(1, counts.Employed);
        Assert.Equal(1, counts.Placements);
        Assert.Equal(1, counts.OpenPosts);
        Assert.Equal(4, counts.Openings);
        Assert.Equal(1, counts.UnemployedBySince[since]);
        var held = await fixture.Client.GetGrain<IRecountSourcesGrain>(code).GetHeldVersionsAsync();
        Assert.Equal(["post:c", "seeker:a", "seeker:b"], held.Ids);
        Assert.Equal([2L, 3L, 1L], held.Versions);
        var reread = new GrainState<SiteIndicatorsState>(new SiteIndicatorsState());
        await storage.ReadStateAsync("indicators", grainId, reread);
        Assert.Empty(reread.State!.Sources);
        foreach (var id in new[] { "seeker:a", "seeker:b", "post:c" })
        {
            var shard = new GrainState<MapShard<SourceEntry>>(new MapShard<SourceEntry>());
            await storage.ReadStateAsync($"indicator-sources-{ShardedMap<SourceEntry>.ShardOf(id)}", grainId, shard);
            Assert.True(shard.State!.Entries.ContainsKey(id), $"{id} is in its shard");
        }
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

    /// <summary>
    /// Before township streams each village's aggregator kept its records' entries and reported its totals to the township.
    /// The township's first activation since takes the villages' stored entries over (the village not activated), drops
    /// their reported totals and serves the villages' counts; a take-over cut short before the township's state write is
    /// redone without counting anything twice.
    /// </summary>
    [Fact]
    public async Task Activation_TownshipWithVillagesStoredBeforeTownshipStreams_TakesTheirEntriesOverExactlyOnce()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var (village, other, township) = (tree.Villages[0], tree.Villages[1], tree.Ancestors[0]);
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var since = new DateOnly(2025, 12, 1);
        var employed = IndicatorContribution.Person(Domain.People.LabourStatus.Employed, since, 1);
        var unemployed = IndicatorContribution.Person(Domain.People.LabourStatus.Unemployed, since, 0);
        var post = IndicatorContribution.Post(openings: 5, taken: 1, closed: false);
        var villageId = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).GetGrainId();
        var otherId = fixture.Client.GetGrain<ISiteIndicatorsGrain>(other).GetGrainId();
        var townshipGrain = fixture.Client.GetGrain<ISiteIndicatorsGrain>(township);

        // The village: one entry in its old map, two in shards; the other village one entry; the township one own entry
        // and both villages' last reports (the first village's report is behind its entries: a change not yet reported).
        var old = new SiteIndicatorsState();
        old.Sources["seeker/a"] = SourceEntry.Of(2, employed);
        await storage.WriteStateAsync("indicators", villageId, new GrainState<SiteIndicatorsState>(old));
        await WriteShardEntryAsync(storage, villageId, "seeker/b", SourceEntry.Of(1, unemployed));
        await WriteShardEntryAsync(storage, villageId, "post/c", SourceEntry.Of(3, post));
        await WriteShardEntryAsync(storage, otherId, "seeker/d", SourceEntry.Of(1, unemployed));
        await WriteShardEntryAsync(storage, townshipGrain.GetGrainId(), "seeker/e", SourceEntry.Of(1, employed));
        var villageCounts = Counts(employed, unemployed, post);
        var otherCounts = Counts(unemployed);
        SiteIndicatorsState TownshipBefore()
        {
            var before = new SiteIndicatorsState { StoppedCleanly = true };
            before.Children[village] = ChildEntry.Of(5, Counts(employed));
            before.Children[other] = ChildEntry.Of(7, otherCounts);
            return before;
        }
        await storage.WriteStateAsync("indicators", townshipGrain.GetGrainId(), new GrainState<SiteIndicatorsState>(TownshipBefore()));
        var all = Counts(employed, unemployed, post, unemployed, employed);

        Assert.Equal(all, await townshipGrain.GetCountsAsync());
        Assert.Equal(villageCounts, await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).GetCountsAsync());
        Assert.Equal(otherCounts, await fixture.Client.GetGrain<ISiteIndicatorsGrain>(other).GetCountsAsync());
        Assert.Equal(Counts(employed), await Own(township));
        var held = await fixture.Client.GetGrain<IRecountSourcesGrain>(village).GetHeldVersionsAsync();
        Assert.Equal(["post/c", "seeker/a", "seeker/b"], held.Ids);
        Assert.Equal([3L, 2L, 1L], held.Versions);
        Assert.Equal(["seeker/e"], (await fixture.Client.GetGrain<IRecountSourcesGrain>(township).GetHeldVersionsAsync()).Ids);
        var stored = new GrainState<SiteIndicatorsState>(new SiteIndicatorsState());
        await storage.ReadStateAsync("indicators", townshipGrain.GetGrainId(), stored);
        Assert.True(stored.State!.MembersAdopted);
        Assert.Empty(stored.State.Children);

        // A take-over cut short after the entries' shards, before the state write: the next activation adopts again.
        await fixture.Cluster.DeactivateAsync(fixture.Client.GetGrain<ISiteIndicatorsGrain>(village));
        await CutShortAsync(storage, townshipGrain, TownshipBefore);
        Assert.Equal(all, await townshipGrain.GetCountsAsync());
        Assert.Equal(villageCounts, await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).GetCountsAsync());
    }

    // Puts the township's row back as it was before the take-over, with the township not active. The county its first
    // report activated asks it (one-way, again until it reports) to report once more, and such an ask may activate the
    // township at any moment: the row is written under its own current ETag and the township deactivated after it, until
    // the stored row is the one written (an activation in between that took the members over again is undone the same way).
    private async Task CutShortAsync(IGrainStorage storage, ISiteIndicatorsGrain township, Func<SiteIndicatorsState> before)
    {
        var id = township.GetGrainId();
        for (var attempt = 1; ; attempt++)
        {
            await fixture.Cluster.DeactivateAsync(township);
            var row = new GrainState<SiteIndicatorsState>(new SiteIndicatorsState());
            await storage.ReadStateAsync("indicators", id, row);
            row.State = before();
            try
            {
                await storage.WriteStateAsync("indicators", id, row);
            }
            catch (InconsistentStateException) when (attempt < 10)
            {
                continue;
            }
            await fixture.Cluster.DeactivateAsync(township);
            var check = new GrainState<SiteIndicatorsState>(new SiteIndicatorsState());
            await storage.ReadStateAsync("indicators", id, check);
            if (check.ETag == row.ETag || attempt == 10)
            {
                Assert.Equal(row.ETag, check.ETag);
                return;
            }
        }
    }

    /// <summary>
    /// Rows as main wrote them before the journal (base shards only, no journal row): an aggregator over them counts
    /// their entries; a delivery then stores its changes in the journal row and leaves the bases as they were, and a new
    /// activation counts bases and journal exactly once; stored entries read back the same way straight from storage.
    /// </summary>
    [Fact]
    public async Task Delivery_OverShardRowsWithoutJournal_StoresTheJournalOnlyAndANewActivationCountsBoth()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var township = tree.Ancestors[0];
        var grain = fixture.Client.GetGrain<ISiteIndicatorsGrain>(township);
        var grainId = grain.GetGrainId();
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var since = new DateOnly(2025, 12, 1);
        var employed = IndicatorContribution.Person(Domain.People.LabourStatus.Employed, since, 1);
        var unemployed = IndicatorContribution.Person(Domain.People.LabourStatus.Unemployed, since, 0);
        var old = Enumerable.Range(0, 40).Select(i => $"seeker/old{i}").ToArray();
        foreach (var id in old)
        {
            await WriteShardEntryAsync(storage, grainId, id, SourceEntry.Of(1, unemployed));
        }
        var basesBefore = await BaseETagsAsync(storage, grainId);
        Assert.Equal(Counts([.. old.Select(_ => unemployed)]), await grain.GetCountsAsync());

        // Two old records change, one new record arrives: on the township's stream, as its own records publish.
        var changes = new List<IndicatorChange>
        {
            new(old[0], 2, employed, SiteCode: township),
            new(old[1], 2, employed, SiteCode: township),
            new("seeker/new", 1, unemployed, SiteCode: township),
        };
        var streams = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<Orleans.Streams.IStreamProvider>(StorageNames.Streams);
        await streams.GetStream<IndicatorChange>(StreamId.Create(IndicatorStreams.Namespace, township)).OnNextBatchAsync(changes);
        var expected = Counts([.. old.Skip(2).Select(_ => unemployed), employed, employed, unemployed]);
        Assert.True(await grain.WaitForOwnCountsAsync(expected, TimeSpan.FromSeconds(30)));
        // A read-only call queues behind the delivery's turn: once it answers, the delivery's write committed.
        await grain.GetCountsAsync();

        Assert.Equal(basesBefore, await BaseETagsAsync(storage, grainId));
        var journal = new GrainState<MapJournal<SourceEntry>>(new MapJournal<SourceEntry>());
        await storage.ReadStateAsync(SiteIndicatorsGrain.SourcesStateName + JournaledShardedMap<SourceEntry>.JournalSuffix, grainId, journal);
        Assert.Equal(["seeker/new", old[0], old[1]], journal.State!.Entries.Keys.Order(StringComparer.Ordinal));
        var stored = await JournaledShardedMap<SourceEntry>.ReadStoredAsync(storage, grainId, SiteIndicatorsGrain.SourcesStateName);
        Assert.Equal(41, stored.Count);
        Assert.Equal(2, stored[old[0]].Version);

        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(expected, await grain.GetCountsAsync());
        var held = await fixture.Client.GetGrain<IRecountSourcesGrain>(township).GetHeldVersionsAsync();
        Assert.Equal(41, held.Ids.Length);
        Assert.Equal(2L, held.Versions[Array.IndexOf(held.Ids, old[1])]);
    }

    private static async Task<string?[]> BaseETagsAsync(IGrainStorage storage, GrainId grainId)
    {
        var etags = new string?[ShardedMap<SourceEntry>.ShardCount];
        for (var i = 0; i < etags.Length; i++)
        {
            var shard = new GrainState<MapShard<SourceEntry>>(new MapShard<SourceEntry>());
            await storage.ReadStateAsync($"indicator-sources-{i}", grainId, shard);
            etags[i] = shard.ETag;
        }
        return etags;
    }

    private static IndicatorCounts Counts(params IndicatorContribution[] contributions)
    {
        var counts = new IndicatorCounts();
        foreach (var contribution in contributions)
        {
            counts.Apply(contribution);
        }
        return counts;
    }

    private Task<IndicatorCounts> Own(string site) =>
        fixture.Client.GetGrain<ISiteIndicatorsGrain>(site).GetMemberCountsAsync(site);

    private static async Task WriteShardEntryAsync(IGrainStorage storage, GrainId grainId, string id, SourceEntry entry)
    {
        var name = $"indicator-sources-{ShardedMap<SourceEntry>.ShardOf(id)}";
        var shard = new GrainState<MapShard<SourceEntry>>(new MapShard<SourceEntry>());
        await storage.ReadStateAsync(name, grainId, shard);
        shard.State ??= new MapShard<SourceEntry>();
        shard.State.Entries[id] = entry;
        await storage.WriteStateAsync(name, grainId, shard);
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
}
