using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

public sealed class FairSolverDegenerateTests
{
    public static TheoryData<FairObjective, FairMode> AllModes() => new()
    {
        { FairObjective.Score, FairMode.Optimal },
        { FairObjective.Placements, FairMode.Optimal },
        { FairObjective.Score, FairMode.Stable },
        { FairObjective.Placements, FairMode.Stable },
    };

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Solve_ZeroSeekers_EmptyResult(FairObjective objective, FairMode mode)
    {
        var graph = new CandidateGraph(0, [2, 3], [0], [], []);
        FairAssignment result = FairSolver.Solve(graph, objective, mode);
        Assert.Empty(result.PostOfSeeker);
        Assert.Equal(0, result.Placed);
        Assert.Equal(0, result.TotalScoreMicro);
    }

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Solve_SeekersWithoutEdges_AllUnplaced(FairObjective objective, FairMode mode)
    {
        var graph = new CandidateGraph(3, [1], [0, 0, 0, 0], [], []);
        FairAssignment result = FairSolver.Solve(graph, objective, mode);
        Assert.Equal([-1, -1, -1], result.PostOfSeeker);
        Assert.Equal(0, result.OpeningsFilled);
    }

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Solve_AllCapacitiesZero_AllUnplaced(FairObjective objective, FairMode mode)
    {
        var graph = new CandidateGraph(2, [0, 0], [0, 2, 3], [0, 1, 1], [1_000_000, 500_000, 700_000]);
        FairAssignment result = FairSolver.Solve(graph, objective, mode);
        Assert.Equal([-1, -1], result.PostOfSeeker);
        Assert.Equal(0, result.TotalScoreMicro);
    }

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Solve_AllEqualScores_FillsEveryOpening(FairObjective objective, FairMode mode)
    {
        var random = new Random(3);
        int seekers = 40;
        int posts = 6;
        var start = new int[seekers + 1];
        var edgePost = new List<int>();
        for (int s = 0; s < seekers; s++)
        {
            for (int p = 0; p < posts; p++)
            {
                if (random.Next(2) == 0 || p == s % posts)
                {
                    edgePost.Add(p);
                }
            }
            start[s + 1] = edgePost.Count;
        }
        var graph = new CandidateGraph(seekers, [3, 3, 3, 3, 3, 3], start, [.. edgePost], Enumerable.Repeat(400_000, edgePost.Count).ToArray());
        FairAssignment result = FairSolver.Solve(graph, objective, mode);
        TestGraphs.AssertFeasible(graph, result);
        if (mode == FairMode.Optimal)
        {
            Assert.Equal(18, result.Placed);
            Assert.Equal(18L * 400_000, result.TotalScoreMicro);
        }
    }

    [Fact]
    public void Solve_ZeroScoreEdges_PlacementsStillPlaces()
    {
        var graph = new CandidateGraph(2, [1, 1], [0, 1, 2], [0, 1], [0, 0]);
        FairAssignment result = FairSolver.Solve(graph, FairObjective.Placements, FairMode.Optimal);
        Assert.Equal(2, result.Placed);
        Assert.Equal(0, result.TotalScoreMicro);
    }

    [Fact]
    public void Constructor_InvalidPost_Throws() =>
        Assert.Throws<ArgumentException>(() => new CandidateGraph(1, [1], [0, 1], [3], [10]));

    [Fact]
    public void Constructor_CallerChangesArraysAfterwards_GraphUnchanged()
    {
        int[] capacity = [1];
        int[] start = [0, 1];
        int[] post = [0];
        int[] score = [10];
        var graph = new CandidateGraph(1, capacity, start, post, score);
        capacity[0] = -1;
        post[0] = 7;
        score[0] = int.MaxValue;
        Assert.Equal(1, graph.Capacity[0]);
        Assert.Equal(0, graph.EdgePost[0]);
        Assert.Equal(10, graph.EdgeScore[0]);
        Assert.Equal(10, FairSolver.Solve(graph, FairObjective.Score, FairMode.Optimal).TotalScoreMicro);
    }
}
