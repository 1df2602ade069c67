using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Grains.Matching;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// A partition's version moves only when a list can change: a placement that leaves a post openings (only the count of
/// free openings differs) keeps cached lists valid, while a fill, a new post or a changed feature invalidates them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PartitionVersionTests(MemoryClusterFixture fixture)
{
    [Fact]
    public async Task UpsertPostsAsync_OnlyOpeningsChange_VersionKeptUntilFullOrChanged()
    {
        var partition = fixture.Client.GetGrain<IMatchPartitionGrain>("test-version-" + Guid.NewGuid().ToString("N"));
        var seeker = new SeekerMatchRecord("sk-version", new DateOnly(1990, 5, 1), Gender.Female, EducationLevel.Senior,
            ["6-25-04-01"], [], 3000, 31.0, 121.0, Rural: false, WorkKind.FullTime, KeyGroups.None);
        var post = Post("po-version-a", openings: 5, payMin: 3000);
        await partition.UpsertPostsAsync([post, Post("po-version-b", openings: 2, payMin: 3100)]);
        var first = await partition.TopPostsAsync(seeker, 10, fixture.Today, knownVersion: 0, listed: true);
        Assert.Equal(["po-version-a", "po-version-b"], Ids(first));

        await partition.UpsertPostsAsync([post with { Openings = 4 }]);
        await partition.UpsertPostsAsync([post with { Openings = 1 }]);
        var afterPlacements = await partition.TopPostsAsync(seeker, 10, fixture.Today, first.Version, listed: true);

        Assert.Equal(first.Version, afterPlacements.Version);
        Assert.Null(afterPlacements.Items);

        await partition.UpsertPostsAsync([post with { Openings = 1, PayMin = 3200 }]);
        var afterPay = await partition.TopPostsAsync(seeker, 10, fixture.Today, first.Version, listed: true);
        Assert.NotEqual(first.Version, afterPay.Version);
        Assert.Equal(["po-version-a", "po-version-b"], Ids(afterPay));

        await partition.UpsertPostsAsync([post with { Openings = 0, PayMin = 3200 }]);
        var afterFill = await partition.TopPostsAsync(seeker, 10, fixture.Today, afterPay.Version, listed: true);
        Assert.NotEqual(afterPay.Version, afterFill.Version);
        Assert.Equal(["po-version-b"], Ids(afterFill));
    }

    private static string[] Ids(PartitionMatches matches) =>
        [.. Assert.IsType<MatchItem[]>(matches.Items).Select(static i => i.Id).Order(StringComparer.Ordinal)];

    private static PostMatchRecord Post(string id, int openings, decimal payMin) =>
        new(id, "91360722000000001X", "6-25-04-01", openings, payMin, payMin + 1500, 31.0, 121.0, WorkKind.FullTime,
            EducationLevel.Junior, null, null, []);
}
