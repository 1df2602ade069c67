using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

public sealed class FairSolverStableTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Solve_StableRandomInstancesWithTies_NoBlockingPair(int seed)
    {
        var random = new Random(3000 + seed);
        for (int round = 0; round < 40; round++)
        {
            int levels = round % 2 == 0 ? 3 : 0;
            var graph = RandomFairGraphs.Create(random, random.Next(1, 80), random.Next(1, 15), 6, 0, 3, levels);
            var result = FairSolver.Solve(graph, FairObjective.Score, FairMode.Stable);
            FairChecks.AssertFeasible(graph, result);
            Assert.Null(FairChecks.FindBlockingPair(graph, result));
        }
    }

    [Fact]
    public void Solve_StableFairSizedGraph_RespectsEdgesCapacitiesAndTotals()
    {
        var graph = RandomFairGraphs.CreateLarge(new Random(8), 20_000, 6_000, 30_000, 50);
        var result = FairSolver.Solve(graph, FairObjective.Placements, FairMode.Stable);
        FairChecks.AssertFeasible(graph, result);
    }

    [Fact]
    public void Solve_StableAllEqualScores_PostsPreferLowerSeekerIndex()
    {
        // Two seekers, one post with one opening, equal scores: the lower index keeps it.
        var graph = new CandidateGraph(2, [1], [0, 1, 2], [0, 0], [500_000, 500_000]);
        var result = FairSolver.Solve(graph, FairObjective.Score, FairMode.Stable);
        Assert.Equal([0, -1], result.PostOfSeeker);
    }
}
