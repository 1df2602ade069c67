using JobHome.Grains.Bulk;
using JobHome.Grains.Employers;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Sharding;

/// <summary>
/// Site directories and employers read their shards on demand: a change reads the one shard holding its record, a listing
/// reads the list's sixteen, and what a fresh activation reads back is everything written before.
/// </summary>
public sealed class OnDemandShardTests(CountingClusterFixture fixture) : IClassFixture<CountingClusterFixture>
{
    [Fact]
    public async Task PutSeekerAsync_FreshDirectory_ReadsOneShardOfOneList()
    {
        var directory = fixture.Client.GetGrain<ISiteDirectoryGrain>(TestNetwork.NewId("dir"));

        await directory.PutSeekerAsync("sk-one", "张三");

        var reads = fixture.Storage.ReadsOf(directory.GetGrainId());
        Assert.Equal(["directory", $"directory-seekers-{ShardedMap<string>.ShardOf("sk-one")}"], reads);
    }

    [Fact]
    public async Task FindSeekersAsync_AfterReactivation_ReadsTheSeekerShardsAndFindsEveryone()
    {
        var directory = fixture.Client.GetGrain<ISiteDirectoryGrain>(TestNetwork.NewId("dir"));
        var ids = Enumerable.Range(0, 40).Select(i => $"sk-{i:D2}").ToArray();
        foreach (var id in ids)
        {
            await directory.PutSeekerAsync(id, "李四" + id);
        }
        await directory.PutHouseholdAsync("hh-1");
        await ReactivateAsync(directory);
        var before = fixture.Storage.ReadsOf(directory.GetGrainId()).Count;

        var found = await directory.FindSeekersAsync("李四");

        Assert.Equal(ids, found);
        var reads = fixture.Storage.ReadsOf(directory.GetGrainId()).Skip(before).ToList();
        Assert.Equal(1 + ShardedMap<string>.ShardCount, reads.Count);
        Assert.Equal(ShardedMap<string>.ShardCount, reads.Count(r => r.StartsWith("directory-seekers-", StringComparison.Ordinal)));
        Assert.Equal(["hh-1"], await directory.GetHouseholdsAsync());
    }

    [Fact]
    public async Task PutManyAsync_BulkThenReactivation_SourceIdsHoldEveryRecord()
    {
        var directory = fixture.Client.GetGrain<ISiteDirectoryGrain>(TestNetwork.NewId("dir"));
        var bulk = directory.AsReference<IBulkSiteDirectoryGrain>();
        await directory.PutSeekerAsync("sk-live", "王五");

        await bulk.PutManyAsync(IndicatorSources.Seeker, ["sk-a", "sk-b", "sk-live"], ["甲", "乙", "王五"]);
        await bulk.PutManyAsync(IndicatorSources.Post, ["po-a"], []);
        await ReactivateAsync(directory);

        var expected = new[]
        {
            IndicatorSources.Id(IndicatorSources.Post, "po-a"), IndicatorSources.Id(IndicatorSources.Seeker, "sk-a"),
            IndicatorSources.Id(IndicatorSources.Seeker, "sk-b"), IndicatorSources.Id(IndicatorSources.Seeker, "sk-live"),
        }.Order(StringComparer.Ordinal);
        Assert.Equal(expected, await directory.GetSourceIdsAsync());
    }

    [Fact]
    public async Task AddPostAsync_RegisteredEmployer_ReadsOneShardAndListsThePostAfterReactivation()
    {
        var code = TestNetwork.NewCreditCode();
        await new TestNetwork(fixture).EnsureSitesAsync();
        var employer = fixture.Client.GetGrain<IEmployerGrain>(code);
        var registered = await employer.RegisterAsync(new EmployerProfile("信丰测试单位", TestNetwork.Village, 25.38, 114.92));
        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors));
        var before = fixture.Storage.ReadsOf(employer.GetGrainId()).Count;

        await employer.AddPostAsync("po-emp-1");

        var reads = fixture.Storage.ReadsOf(employer.GetGrainId()).Skip(before);
        Assert.Equal([$"employer-posts-{ShardedMap<bool>.ShardOf("po-emp-1")}"], reads);
        await ReactivateAsync(employer);
        Assert.Equal(["po-emp-1"], (await employer.GetAsync())!.PostIds);
    }

    [Fact]
    public async Task PutSeekerAsync_ShardWriteFailedThenRetried_StoredAfterReactivation()
    {
        var directory = fixture.Client.GetGrain<ISiteDirectoryGrain>(TestNetwork.NewId("dir"));
        await directory.PutSeekerAsync("sk-first", "赵六");
        var shard = $"directory-seekers-{ShardedMap<string>.ShardOf("sk-retry")}";
        fixture.Storage.FailNextWrite(shard, directory.GetGrainId());

        await Assert.ThrowsAnyAsync<Exception>(() => directory.PutSeekerAsync("sk-retry", "钱七"));
        await directory.PutSeekerAsync("sk-retry", "钱七");
        await ReactivateAsync(directory);

        // The retry wrote what the failed write did not: memory ahead of storage does not make it a no-op.
        Assert.Contains("sk-retry", await directory.FindSeekersAsync("钱七"));
    }

    private Task ReactivateAsync(IGrain grain) => fixture.Cluster.DeactivateAsync(grain);
}
