using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Sharding;

/// <summary>
/// The directory's per-partition listing: a rebuild of one match partition gets the site's records noted in that partition
/// and those never noted, not the ones noted elsewhere or in no partition; notes only add and survive reactivation.
/// </summary>
public sealed class SiteDirectoryPartitionTests(CountingClusterFixture fixture) : IClassFixture<CountingClusterFixture>
{
    private const string CellA = "r0150c0458";
    private const string CellB = "r0150c0459";

    private static string Seeker(string id) => IndicatorSources.Id(IndicatorSources.Seeker, id);

    private static string Post(string id) => IndicatorSources.Id(IndicatorSources.Post, id);

    [Fact]
    public async Task GetMatchSourceIdsAsync_AfterReactivation_NotedInPartitionAndUnnotedOnly()
    {
        var directory = await DirectoryWithRecordsAsync();
        await directory.NoteMatchPartitionsAsync(
            [Seeker("sk-a"), Seeker("sk-b"), Post("po-p"), Post("po-q"), Seeker("sk-employed")],
            [CellA, CellB, CellA, string.Empty, string.Empty]);
        await fixture.Cluster.DeactivateAsync(directory);

        var inA = await directory.GetMatchSourceIdsAsync(CellA);
        var inB = await directory.GetMatchSourceIdsAsync(CellB);

        Assert.Equal([Post("po-p"), Seeker("sk-a")], inA.Noted);
        Assert.Equal([Seeker("sk-c")], inA.Unnoted);
        Assert.Equal(6, inA.Listed);
        Assert.Equal([Seeker("sk-b")], inB.Noted);
        Assert.Equal([Seeker("sk-c")], inB.Unnoted);
    }

    [Fact]
    public async Task NoteMatchPartitionsAsync_SecondPartition_ListedInBoth()
    {
        var directory = await DirectoryWithRecordsAsync();
        await directory.NoteMatchPartitionsAsync([Seeker("sk-a")], [string.Empty]);
        await directory.NoteMatchPartitionsAsync([Seeker("sk-a")], [CellA]);
        await directory.NoteMatchPartitionsAsync([Seeker("sk-a")], [CellB]);
        await fixture.Cluster.DeactivateAsync(directory);

        Assert.Contains(Seeker("sk-a"), (await directory.GetMatchSourceIdsAsync(CellA)).Noted);
        Assert.Contains(Seeker("sk-a"), (await directory.GetMatchSourceIdsAsync(CellB)).Noted);
    }

    [Fact]
    public async Task NoteMatchPartitionsAsync_SameNoteAgain_WritesNothing()
    {
        var directory = await DirectoryWithRecordsAsync();
        await directory.NoteMatchPartitionsAsync([Seeker("sk-a"), Post("po-p")], [CellA, CellA]);
        var before = fixture.Storage.WritesOf(directory.GetGrainId()).Count;

        await directory.NoteMatchPartitionsAsync([Post("po-p"), Seeker("sk-a")], [CellA, CellA]);

        Assert.Equal(before, fixture.Storage.WritesOf(directory.GetGrainId()).Count);
    }

    [Fact]
    public async Task GetMatchSourceIdsAsync_AfterReactivation_ReadsSeekerPostAndNoteShardsNotHouseholds()
    {
        var directory = await DirectoryWithRecordsAsync();
        await directory.NoteMatchPartitionsAsync([Seeker("sk-a")], [CellA]);
        await fixture.Cluster.DeactivateAsync(directory);
        var before = fixture.Storage.ReadsOf(directory.GetGrainId()).Count;

        await directory.GetMatchSourceIdsAsync(CellA);

        var reads = fixture.Storage.ReadsOf(directory.GetGrainId()).Skip(before).ToList();
        Assert.Equal(1 + (3 * ShardedMap<bool>.ShardCount), reads.Count);
        Assert.Equal(ShardedMap<bool>.ShardCount, reads.Count(r => r.StartsWith("directory-cells-", StringComparison.Ordinal)));
        Assert.DoesNotContain(reads, r => r.StartsWith("directory-households-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetMatchSourceIdsAsync_NothingNoted_ReadsNoNoteShardAndListsEveryoneUnnoted()
    {
        var directory = await DirectoryWithRecordsAsync();
        await fixture.Cluster.DeactivateAsync(directory);
        var before = fixture.Storage.ReadsOf(directory.GetGrainId()).Count;

        var listing = await directory.GetMatchSourceIdsAsync(CellA);

        var reads = fixture.Storage.ReadsOf(directory.GetGrainId()).Skip(before).ToList();
        Assert.Equal(1 + (2 * ShardedMap<bool>.ShardCount), reads.Count);
        Assert.DoesNotContain(reads, r => r.StartsWith("directory-cells-", StringComparison.Ordinal));
        Assert.Empty(listing.Noted);
        Assert.Equal(6, listing.Unnoted.Length);
        Assert.Equal(listing.Unnoted.Order(StringComparer.Ordinal), listing.Unnoted);
    }

    [Fact]
    public async Task NoteMatchPartitionsAsync_OneHouseholdAmongThem_RefusedNamingItAndNothingNoted()
    {
        var directory = await DirectoryWithRecordsAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => directory.NoteMatchPartitionsAsync(
            [Seeker("sk-a"), IndicatorSources.Id(IndicatorSources.Household, "hh-1")], [CellA, CellA]));

        Assert.Contains("sourceIds[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("'seeker/ID' or 'post/ID'", error.Message, StringComparison.Ordinal);
        Assert.Empty((await directory.GetMatchSourceIdsAsync(CellA)).Noted);
        Assert.DoesNotContain(fixture.Storage.WritesOf(directory.GetGrainId()),
            w => w.StartsWith("directory-cells-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoteMatchPartitionsAsync_FewerPartitionsThanIds_RefusedNamingTheRule()
    {
        var directory = await DirectoryWithRecordsAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => directory.NoteMatchPartitionsAsync([Seeker("sk-a"), Seeker("sk-b")], [CellA]));

        Assert.Contains("one partition per source id", error.Message, StringComparison.Ordinal);
    }

    private async Task<ISiteDirectoryGrain> DirectoryWithRecordsAsync()
    {
        var directory = fixture.Client.GetGrain<ISiteDirectoryGrain>(TestNetwork.NewId("dir"));
        foreach (var id in new[] { "sk-a", "sk-b", "sk-c", "sk-employed" })
        {
            await directory.PutSeekerAsync(id, "名" + id);
        }
        await directory.PutPostAsync("po-p");
        await directory.PutPostAsync("po-q");
        await directory.PutHouseholdAsync("hh-1");
        return directory;
    }
}
