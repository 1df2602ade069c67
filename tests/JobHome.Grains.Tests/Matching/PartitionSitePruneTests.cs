using JobHome.Grains.Matching;
using JobHome.Grains.Tests.Fixtures;
using Orleans.Core.Internal;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// A partition's stored site list is pruned by its rebuild: a site none of whose records is in the cell is forgotten once
/// nobody noted it for twice <see cref="MatchingOptions.NotedSiteLifetime"/>; a site with a record in the cell, or noted
/// more recently, is kept; a forgotten site is noted again by its next record.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PartitionSitePruneTests(MemoryClusterFixture fixture)
{
    // Ends the wait for the rebuild, which runs on the partition's timer (an eventually-consistent effect).
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Rebuild_SiteWithoutRecordsInTheCellNotNotedForTwoLifetimes_Forgotten()
    {
        var options = new MatchingOptions();
        var scenario = new MatchingScenario(fixture, 49.25, 129.25, seed: 59);
        await scenario.InitializeAsync();
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(49.25, 129.25));
        var partition = fixture.Client.GetGrain<IMatchPartitionGrain>(MatchPartitions.KeyOf(49.25, 129.25, options.CellDegrees));
        var old = "prune-old-" + Guid.NewGuid().ToString("N");
        var recent = "prune-recent-" + Guid.NewGuid().ToString("N");
        await partition.NoteSiteAsync(old);
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        await partition.NoteSiteAsync(recent);
        // At the rebuild the old site was last noted two lifetimes and a minute ago, the recent one a minute short of that (a
        // silo may still hold an entry for it and skip the note of a record entering the cell).
        fixture.Time.Advance((options.NotedSiteLifetime * 2) - TimeSpan.FromMinutes(1));
        // The seeker's village (noted at its registration, before the old site, but holding the seeker) and the two.
        Assert.Equal(3, (await partition.RebuildStatusAsync()).Sites);

        await partition.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var status = await WaitAsync(partition, static s => !s.Rebuilding && s.Sites < 3);

        Assert.Equal(2, status.Sites);
        Assert.Equal((0, 1), await partition.CountsAsync());
        var list = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(5);
        Assert.NotNull(list);

        // A record of the forgotten site entering the cell notes it again before its write.
        await partition.NoteSiteAsync(old);
        Assert.Equal(3, (await partition.RebuildStatusAsync()).Sites);
    }

    private static async Task<MatchPartitionRebuildStatus> WaitAsync(IMatchPartitionGrain partition,
        Func<MatchPartitionRebuildStatus, bool> done)
    {
        var deadline = DateTime.UtcNow + Deadline;
        var status = await partition.RebuildStatusAsync();
        while (!done(status))
        {
            Assert.True(DateTime.UtcNow < deadline, $"rebuild status {status}");
            await Task.Delay(20);
            status = await partition.RebuildStatusAsync();
        }
        return status;
    }
}
