using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

public sealed class FairSolverOptimalTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 1; seed <= 8; seed++)
        {
            data.Add(seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_TinyRandomScore_MatchesExhaustiveOptimum(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 60; round++)
        {
            CandidateGraph graph = TestGraphs.Small(random, random.Next(0, 8), random.Next(1, 5), 3, random.NextDouble());
            FairAssignment result = FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal);
            TestGraphs.AssertFeasible(graph, result);
            Assert.Equal(ExhaustiveAssignment.Best(graph, placementsFirst: false).Score, result.TotalScoreMicro);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_TinyRandomPlacements_MatchesExhaustiveOptimum(int seed)
    {
        var random = new Random(1000 + seed);
        for (int round = 0; round < 60; round++)
        {
            CandidateGraph graph = TestGraphs.Small(random, random.Next(0, 8), random.Next(1, 5), 3, random.NextDouble());
            FairAssignment result = FairSolver.Solve(graph, FairObjective.Placements, FairMode.Optimal);
            TestGraphs.AssertFeasible(graph, result);
            (int placed, long score) = ExhaustiveAssignment.Best(graph, placementsFirst: true);
            Assert.Equal(placed, result.Placed);
            Assert.Equal(score, result.TotalScoreMicro);
        }
    }

    [Fact]
    public void Solve_TinyDenseTiedScores_MatchesExhaustiveOptimum()
    {
        var random = new Random(77);
        for (int round = 0; round < 200; round++)
        {
            int seekers = random.Next(4, 8);
            int posts = random.Next(1, 5);
            var capacity = new int[posts];
            for (int p = 0; p < posts; p++)
            {
                capacity[p] = random.Next(0, 4);
            }
            var start = new int[seekers + 1];
            var edgePost = new List<int>();
            var edgeScore = new List<int>();
            for (int s = 0; s < seekers; s++)
            {
                for (int p = 0; p < posts; p++)
                {
                    if (random.Next(5) != 0)
                    {
                        edgePost.Add(p);
                        edgeScore.Add(random.Next(3) * 500_000);
                    }
                }
                start[s + 1] = edgePost.Count;
            }
            var graph = new CandidateGraph(seekers, capacity, start, [.. edgePost], [.. edgeScore]);
            foreach (FairObjective objective in new[] { FairObjective.Score, FairObjective.Placements })
            {
                FairAssignment result = FairSolver.Solve(graph, objective, FairMode.Optimal);
                TestGraphs.AssertFeasible(graph, result);
                (int placed, long score) = ExhaustiveAssignment.Best(graph, objective == FairObjective.Placements);
                Assert.Equal(score, result.TotalScoreMicro);
                if (objective == FairObjective.Placements)
                {
                    Assert.Equal(placed, result.Placed);
                }
            }
        }
    }

    [Fact]
    public void Solve_PlacementsVersusScore_TradesScoreForPlacements()
    {
        // Seeker 0 likes post 0 a lot; seeker 1 can only go to post 0. Score: 0→0 (0.9). Placements: 0→1, 1→0.
        var graph = new CandidateGraph(2, [1, 1], [0, 2, 3], [0, 1, 0], [900_000, 100_000, 200_000]);
        FairAssignment score = FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal);
        FairAssignment placements = FairSolver.Solve(graph, FairObjective.Placements, FairMode.Optimal);
        Assert.Equal(900_000, score.TotalScoreMicro);
        Assert.Equal(1, score.Placed);
        Assert.Equal(2, placements.Placed);
        Assert.Equal(300_000, placements.TotalScoreMicro);
        Assert.Equal([1, 0], placements.PostOfSeeker);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Solve_LargeRandom_FeasibleAndObjectivesConsistent(int seed)
    {
        CandidateGraph graph = TestGraphs.Large(new Random(seed), 20_000, 6_000, 50);
        FairAssignment score = FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal);
        FairAssignment placements = FairSolver.Solve(graph, FairObjective.Placements, FairMode.Optimal);
        TestGraphs.AssertFeasible(graph, score);
        TestGraphs.AssertFeasible(graph, placements);
        Assert.True(placements.Placed >= score.Placed);
        Assert.True(score.TotalScoreMicro >= placements.TotalScoreMicro);
    }

    [Fact]
    public void Solve_LargeScarceOpenings_FeasibleAndObjectivesConsistent()
    {
        // More seekers than openings: forces long augmenting paths and evictions to the unplaced column.
        CandidateGraph graph = TestGraphs.Large(new Random(21), 6_000, 800, 20);
        FairAssignment score = FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal);
        FairAssignment placements = FairSolver.Solve(graph, FairObjective.Placements, FairMode.Optimal);
        TestGraphs.AssertFeasible(graph, score);
        TestGraphs.AssertFeasible(graph, placements);
        Assert.True(placements.Placed >= score.Placed);
        Assert.True(score.TotalScoreMicro >= placements.TotalScoreMicro);
    }

    [Fact]
    public void Solve_ProgressAndCancellation_ReportsAndThrows()
    {
        CandidateGraph graph = TestGraphs.Large(new Random(5), 2_000, 500, 10);
        var reports = new List<SolveProgress>();
        FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal, new SynchronousProgress(reports.Add));
        Assert.True(reports.Count >= 100);
        Assert.Equal(graph.SeekerCount, reports[^1].Done);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal, null, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => FairSolver.Solve(graph, FairObjective.Score, FairMode.Stable, null, cancelled.Token));
    }

    private sealed class SynchronousProgress(Action<SolveProgress> report) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => report(value);
    }
}
