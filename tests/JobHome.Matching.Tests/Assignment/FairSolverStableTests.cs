using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

public sealed class FairSolverStableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Solve_StableRandomWithTies_NoBlockingPair(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 150; round++)
        {
            CandidateGraph graph = TestGraphs.Small(random, random.Next(0, 25), random.Next(1, 8), 3, random.NextDouble());
            FairAssignment result = FairSolver.Solve(graph, FairObjective.Score, FairMode.Stable);
            TestGraphs.AssertFeasible(graph, result);
            AssertNoBlockingPair(graph, result);
        }
    }

    [Fact]
    public void Solve_StableAllEqualScores_NoBlockingPairAndIndexOrder()
    {
        // Everyone ties: seekers prefer lower post indices, posts prefer lower seeker indices.
        var graph = new CandidateGraph(4, [1, 2], [0, 2, 4, 6, 8], [0, 1, 0, 1, 0, 1, 0, 1], [5, 5, 5, 5, 5, 5, 5, 5]);
        FairAssignment result = FairSolver.Solve(graph, FairObjective.Placements, FairMode.Stable);
        AssertNoBlockingPair(graph, result);
        Assert.Equal([0, 1, 1, -1], result.PostOfSeeker);
    }

    [Fact]
    public void Solve_StableLarge_NoBlockingPair()
    {
        CandidateGraph graph = TestGraphs.Large(new Random(9), 5_000, 600, 15);
        FairAssignment result = FairSolver.Solve(graph, FairObjective.Score, FairMode.Stable);
        TestGraphs.AssertFeasible(graph, result);
        AssertNoBlockingPair(graph, result);
    }

    /// <summary>Brute force: for every edge (s, p), s must not prefer p while p has room or holds someone it ranks lower.</summary>
    private static void AssertNoBlockingPair(CandidateGraph graph, FairAssignment result)
    {
        int[] post = result.PostOfSeeker;
        var scoreOf = new int[graph.SeekerCount];
        var holders = new List<int>[graph.PostCount];
        for (int p = 0; p < graph.PostCount; p++)
        {
            holders[p] = [];
        }
        for (int s = 0; s < graph.SeekerCount; s++)
        {
            if (post[s] < 0)
            {
                continue;
            }
            holders[post[s]].Add(s);
            for (int e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
            {
                if (graph.EdgePost[e] == post[s])
                {
                    scoreOf[s] = graph.EdgeScore[e];
                }
            }
        }
        for (int s = 0; s < graph.SeekerCount; s++)
        {
            for (int e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
            {
                int p = graph.EdgePost[e];
                int score = graph.EdgeScore[e];
                bool seekerPrefers = post[s] < 0 || score > scoreOf[s] || (score == scoreOf[s] && p < post[s]);
                if (!seekerPrefers || graph.Capacity[p] == 0)
                {
                    continue;
                }
                bool postHasRoom = holders[p].Count < graph.Capacity[p];
                bool postPrefers = holders[p].Exists(t => score > scoreOf[t] || (score == scoreOf[t] && s < t));
                Assert.False(postHasRoom || postPrefers, $"blocking pair seeker {s}, post {p}");
            }
        }
    }
}
