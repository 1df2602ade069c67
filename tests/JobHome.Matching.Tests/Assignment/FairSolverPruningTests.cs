using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

/// <summary>
/// The optimal solver scans rows best score first and stops at a bound: the optimum must not depend on the row order
/// the graph arrives in, and must equal an independent min-cost-flow optimum on graphs too large to enumerate.
/// </summary>
public sealed class FairSolverPruningTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 1; seed <= 6; seed++)
        {
            data.Add(seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_MidSizeRandom_MatchesMinCostFlowOptimum(int seed)
    {
        var random = new Random(500 + seed);
        for (int round = 0; round < 8; round++)
        {
            CandidateGraph graph = TestGraphs.Small(random, random.Next(20, 60), random.Next(4, 16), 4, 0.2 + (0.4 * random.NextDouble()));
            foreach (FairObjective objective in new[] { FairObjective.Score, FairObjective.Placements })
            {
                FairAssignment result = FairSolver.Solve(graph, objective, FairMode.Optimal);
                TestGraphs.AssertFeasible(graph, result);
                (int placed, long score) = MinCostFlowReference.Best(graph, objective == FairObjective.Placements);
                Assert.Equal(score, result.TotalScoreMicro);
                if (objective == FairObjective.Placements)
                {
                    Assert.Equal(placed, result.Placed);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_RowsBestFirstOrShuffled_SameOptimum(int seed)
    {
        var random = new Random(900 + seed);
        CandidateGraph shuffled = TestGraphs.Large(random, 3_000, 400, 12);
        CandidateGraph bestFirst = SortRows(shuffled);
        foreach (FairObjective objective in new[] { FairObjective.Score, FairObjective.Placements })
        {
            FairAssignment a = FairSolver.Solve(shuffled, objective, FairMode.Optimal);
            FairAssignment b = FairSolver.Solve(bestFirst, objective, FairMode.Optimal);
            TestGraphs.AssertFeasible(shuffled, a);
            TestGraphs.AssertFeasible(bestFirst, b);
            Assert.Equal(a.TotalScoreMicro, b.TotalScoreMicro);
            Assert.Equal(a.Placed, b.Placed);
        }
    }

    [Fact]
    public void Solve_MidSizeTiedScoresScarceOpenings_MatchesMinCostFlowOptimum()
    {
        // Few score levels and fewer openings than seekers: long tie blocks, evictions to the unplaced column.
        var random = new Random(4242);
        for (int round = 0; round < 20; round++)
        {
            int seekers = random.Next(30, 50);
            int posts = random.Next(3, 8);
            var capacity = new int[posts];
            for (int p = 0; p < posts; p++)
            {
                capacity[p] = random.Next(0, 6);
            }
            var start = new int[seekers + 1];
            var edgePost = new List<int>();
            var edgeScore = new List<int>();
            for (int s = 0; s < seekers; s++)
            {
                for (int p = 0; p < posts; p++)
                {
                    if (random.Next(3) != 0)
                    {
                        edgePost.Add(p);
                        edgeScore.Add(random.Next(4) * 250_000);
                    }
                }
                start[s + 1] = edgePost.Count;
            }
            var graph = new CandidateGraph(seekers, capacity, start, [.. edgePost], [.. edgeScore]);
            foreach (FairObjective objective in new[] { FairObjective.Score, FairObjective.Placements })
            {
                FairAssignment result = FairSolver.Solve(graph, objective, FairMode.Optimal);
                TestGraphs.AssertFeasible(graph, result);
                (int placed, long score) = MinCostFlowReference.Best(graph, objective == FairObjective.Placements);
                Assert.Equal(score, result.TotalScoreMicro);
                if (objective == FairObjective.Placements)
                {
                    Assert.Equal(placed, result.Placed);
                }
            }
        }
    }

    [Fact]
    public void MinCostFlowReference_TinyRandom_AgreesWithExhaustiveSearch()
    {
        // The reference itself is checked against enumeration before it is trusted on larger graphs.
        var random = new Random(31);
        for (int round = 0; round < 100; round++)
        {
            CandidateGraph graph = TestGraphs.Small(random, random.Next(0, 7), random.Next(1, 5), 3, random.NextDouble());
            foreach (bool placementsFirst in new[] { false, true })
            {
                (int placed, long score) = MinCostFlowReference.Best(graph, placementsFirst);
                (int bestPlaced, long bestScore) = ExhaustiveAssignment.Best(graph, placementsFirst);
                Assert.Equal(bestScore, score);
                if (placementsFirst)
                {
                    Assert.Equal(bestPlaced, placed);
                }
            }
        }
    }

    private static CandidateGraph SortRows(CandidateGraph graph)
    {
        var capacity = graph.Capacity.ToArray();
        var start = graph.EdgeStart.ToArray();
        var post = graph.EdgePost.ToArray();
        var score = graph.EdgeScore.ToArray();
        for (int s = 0; s < graph.SeekerCount; s++)
        {
            int from = start[s];
            int length = start[s + 1] - from;
            var keys = score.AsSpan(from, length).ToArray();
            var items = post.AsSpan(from, length).ToArray();
            Array.Sort(keys, items, Comparer<int>.Create((a, b) => b.CompareTo(a)));
            keys.CopyTo(score, from);
            items.CopyTo(post, from);
        }
        return new CandidateGraph(graph.SeekerCount, capacity, start, post, score);
    }
}
