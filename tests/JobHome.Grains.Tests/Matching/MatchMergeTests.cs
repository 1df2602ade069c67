using JobHome.Grains.Matching;

namespace JobHome.Grains.Tests.Matching;

public sealed class MatchMergeTests
{
    [Fact]
    public void Top_EqualScoresInDifferentPartitions_TiesByIdOrdinal()
    {
        MatchItem[] west = [Item("b", 0.9), Item("d", 0.5)];
        MatchItem[] east = [Item("B", 0.9), Item("a", 0.9), Item("c", 0.7)];

        var top = MatchMerge.Top([west, east], 4);

        // Ordinal order puts upper case first: "B" < "a" < "b".
        Assert.Equal(["B", "a", "b", "c"], top.Select(i => i.Id));
    }

    [Fact]
    public void Top_FewerThanK_AllBestFirst()
    {
        var top = MatchMerge.Top([[Item("x", 0.2)], [], [Item("y", 0.3)]], 10);

        Assert.Equal(["y", "x"], top.Select(i => i.Id));
    }

    private static MatchItem Item(string id, double score) => new(id, score, []);
}
