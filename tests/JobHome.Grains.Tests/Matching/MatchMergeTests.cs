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

    [Fact]
    public void Top_OrderKeysAndAnyListShape_SameAsSortingTheUnion()
    {
        var random = new Random(17);
        for (var round = 0; round < 200; round++)
        {
            var parts = new MatchItem[random.Next(1, 5)][];
            var n = 0;
            for (var p = 0; p < parts.Length; p++)
            {
                parts[p] = new MatchItem[random.Next(0, 8)];
                for (var i = 0; i < parts[p].Length; i++)
                {
                    // Few distinct scores and keys, so ties by id occur.
                    var score = random.Next(0, 4) / 4.0;
                    parts[p][i] = new MatchItem($"p{n++}", score, [], random.Next(0, 2) == 0 ? null : score - (random.Next(0, 3) / 8.0));
                }
            }
            var k = random.Next(-1, 12);
            var expected = parts.SelectMany(x => x).OrderByDescending(x => x.Rank).ThenBy(x => x.Id, StringComparer.Ordinal)
                .Take(Math.Max(0, k)).ToArray();

            Assert.Equal(expected, MatchMerge.Top(parts, k));
            // Any enumerable of parts (not only an array of them) gives the same merge.
            Assert.Equal(expected, MatchMerge.Top(parts.ToList(), k));
        }
    }

    private static MatchItem Item(string id, double score) => new(id, score, []);
}
