using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

public sealed class FairSolverDegenerateTests
{
    public static TheoryData<FairObjective, FairMode> Modes() => new()
    {
        { FairObjective.Score, FairMode.Optimal },
        { FairObjective.Placements, FairMode.Optimal },
        { FairObjective.Score, FairMode.Stable },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Solve_EmptyGraph_PlacesNobody(FairObjective objective, FairMode mode)
    {
        var graph = new CandidateGraph(0, [], [0], [], []);
        var result = FairSolver.Solve(graph, objective, mode);
        Assert.Empty(result.PostOfSeeker);
        Assert.Equal(0, result.Placed);
        Assert.Equal(0, result.TotalScoreMicro);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Solve_SeekersWithoutEdges_StayUnplaced(FairObjective objective, FairMode mode)
    {
        var graph = new CandidateGraph(3, [2, 1], [0, 0, 0, 0], [], []);
        var result = FairSolver.Solve(graph, objective, mode);
        Assert.Equal([-1, -1, -1], result.PostOfSeeker);
        Assert.Equal(0, result.Placed);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Solve_ZeroCapacities_PlacesNobody(FairObjective objective, FairMode mode)
    {
        var graph = new CandidateGraph(2, [0, 0], [0, 2, 3], [0, 1, 1], [900_000, 800_000, 1_000_000]);
        var result = FairSolver.Solve(graph, objective, mode);
        Assert.Equal([-1, -1], result.PostOfSeeker);
        Assert.Equal(0, result.TotalScoreMicro);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Solve_AllEqualScores_FillsEveryOpeningReachable(FairObjective objective, FairMode mode)
    {
        // Seekers 0..3 all like posts 0 and 1 equally; 3 openings in all.
        var graph = new CandidateGraph(4, [1, 2], [0, 2, 4, 6, 8], [0, 1, 0, 1, 0, 1, 0, 1], [.. Enumerable.Repeat(700_000, 8)]);
        var result = FairSolver.Solve(graph, objective, mode);
        FairChecks.AssertFeasible(graph, result);
        Assert.Equal(3, result.Placed);
        Assert.Equal(2_100_000, result.TotalScoreMicro);
    }

    [Fact]
    public void Solve_PlacementsAgainstScore_TradesScoreForPlacements()
    {
        // Seeker 0 scores 1.0 at post 0 and 0.1 at post 1; seeker 1 only likes post 0 (0.5). One opening each.
        var graph = new CandidateGraph(2, [1, 1], [0, 2, 3], [0, 1, 0], [1_000_000, 100_000, 500_000]);
        var byScore = FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal);
        Assert.Equal(1_000_000, byScore.TotalScoreMicro);
        var byPlacements = FairSolver.Solve(graph, FairObjective.Placements, FairMode.Optimal);
        Assert.Equal([1, 0], byPlacements.PostOfSeeker);
        Assert.Equal(600_000, byPlacements.TotalScoreMicro);
        Assert.Equal(2, byPlacements.Placed);
    }

    [Fact]
    public void Solve_ScoreOutOfRange_Throws()
    {
        var graph = new CandidateGraph(1, [1], [0, 1], [0], [1_000_001]);
        Assert.Throws<ArgumentException>(() => FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal));
    }
}
