using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

public sealed class FairSolverOptimalTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 0; seed < 20; seed++)
        {
            data.Add(seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_TinyRandomInstances_MatchExhaustiveSearch(int seed)
    {
        var random = new Random(1000 + seed);
        for (int round = 0; round < 25; round++)
        {
            var graph = RandomFairGraphs.Create(random, random.Next(1, 8), random.Next(1, 5), 3, 0, 3, round % 2 == 0 ? 4 : 0);
            var (score, placed, placedScore) = ReferenceSolvers.BruteForce(graph);

            var byScore = FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal);
            FairChecks.AssertFeasible(graph, byScore);
            Assert.Equal(score, byScore.TotalScoreMicro);

            var byPlacements = FairSolver.Solve(graph, FairObjective.Placements, FairMode.Optimal);
            FairChecks.AssertFeasible(graph, byPlacements);
            Assert.Equal(placed, byPlacements.Placed);
            Assert.Equal(placedScore, byPlacements.TotalScoreMicro);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_SmallRandomInstances_MatchTextbookMinCostFlow(int seed)
    {
        var random = new Random(2000 + seed);
        for (int round = 0; round < 15; round++)
        {
            int levels = round % 3 == 0 ? 0 : (round % 3 == 1 ? 3 : 20);
            var graph = RandomFairGraphs.Create(random, random.Next(5, 60), random.Next(1, 20), 6, 1, 3, levels);

            var (_, score) = ReferenceSolvers.MinCostFlow(graph, maxFlow: false);
            var byScore = FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal);
            FairChecks.AssertFeasible(graph, byScore);
            Assert.Equal(score, byScore.TotalScoreMicro);

            var (flow, flowScore) = ReferenceSolvers.MinCostFlow(graph, maxFlow: true);
            var byPlacements = FairSolver.Solve(graph, FairObjective.Placements, FairMode.Optimal);
            FairChecks.AssertFeasible(graph, byPlacements);
            Assert.Equal(flow, byPlacements.Placed);
            Assert.Equal(flowScore, byPlacements.TotalScoreMicro);
        }
    }

    [Theory]
    [InlineData(FairObjective.Score)]
    [InlineData(FairObjective.Placements)]
    public void Solve_ContestedPostsManySeekers_MatchTextbookMinCostFlow(FairObjective objective)
    {
        var random = new Random(77);
        for (int round = 0; round < 10; round++)
        {
            // Few posts, many seekers: long augmenting paths and many unplaced seekers.
            var graph = RandomFairGraphs.Create(random, 120, 8, 5, 0, 4, round % 2 == 0 ? 5 : 0);
            var (flow, score) = ReferenceSolvers.MinCostFlow(graph, maxFlow: objective == FairObjective.Placements);
            var result = FairSolver.Solve(graph, objective, FairMode.Optimal);
            FairChecks.AssertFeasible(graph, result);
            Assert.Equal(score, result.TotalScoreMicro);
            if (objective == FairObjective.Placements)
            {
                Assert.Equal(flow, result.Placed);
            }
        }
    }

    [Theory]
    [InlineData(FairObjective.Score)]
    [InlineData(FairObjective.Placements)]
    public void Solve_FairSizedGraph_RespectsEdgesCapacitiesAndTotals(FairObjective objective)
    {
        var graph = RandomFairGraphs.CreateLarge(new Random(5), 20_000, 6_000, 30_000, 50);
        var phases = new List<string>();
        var result = FairSolver.Solve(graph, objective, FairMode.Optimal, new SynchronousProgress(p => phases.Add(p.Phase)));
        FairChecks.AssertFeasible(graph, result);
        Assert.Contains("augment", phases);
        if (objective == FairObjective.Placements)
        {
            var byScore = FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal);
            Assert.True(result.Placed >= byScore.Placed);
            Assert.True(result.TotalScoreMicro <= byScore.TotalScoreMicro);
        }
    }

    [Fact]
    public void Solve_CancelledToken_Throws()
    {
        var graph = RandomFairGraphs.CreateLarge(new Random(6), 3_000, 200, 1_000, 20);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal, cancellationToken: cts.Token));
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>.</summary>
    private sealed class SynchronousProgress(Action<SolveProgress> report) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => report(value);
    }
}
