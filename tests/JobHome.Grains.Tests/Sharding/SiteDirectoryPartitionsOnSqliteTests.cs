using JobHome.Grains.Indicators;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Sharding;

/// <summary>
/// The directory's partition notes through the embedded SQLite store's serializer: the note shards (partition arrays) and
/// the state's "noted" flag read back after reactivation.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class SiteDirectoryPartitionsOnSqliteTests(SqliteClusterFixture fixture)
{
    [Fact]
    public async Task GetMatchSourceIdsAsync_NotesWrittenToSqliteThenReactivated_ReadsThemBack()
    {
        var directory = fixture.Client.GetGrain<ISiteDirectoryGrain>(TestNetwork.NewId("dir"));
        await directory.PutSeekerAsync("sk-in", "甲");
        await directory.PutSeekerAsync("sk-employed", "乙");
        await directory.PutSeekerAsync("sk-old", "丙");
        await directory.PutPostAsync("po-two");
        var seekerIn = IndicatorSources.Id(IndicatorSources.Seeker, "sk-in");
        var postTwo = IndicatorSources.Id(IndicatorSources.Post, "po-two");
        await directory.NoteMatchPartitionsAsync(
            [seekerIn, IndicatorSources.Id(IndicatorSources.Seeker, "sk-employed"), postTwo, postTwo],
            ["r0150c0458", string.Empty, "r0150c0458", "r0151c0458"]);

        await fixture.Cluster.DeactivateAsync(directory);
        var first = await directory.GetMatchSourceIdsAsync("r0150c0458");
        var second = await directory.GetMatchSourceIdsAsync("r0151c0458");

        Assert.Equal([postTwo, seekerIn], first.Noted);
        Assert.Equal([IndicatorSources.Id(IndicatorSources.Seeker, "sk-old")], first.Unnoted);
        Assert.Equal(4, first.Listed);
        Assert.Equal([postTwo], second.Noted);
    }
}
