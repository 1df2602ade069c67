using BenchmarkDotNet.Attributes;
using JobHome.Matching.Assignment;

namespace JobHome.Benchmarks.Matching;

/// <summary>Exact fair assignment on realistic top-50 graphs.</summary>
[MemoryDiagnoser]
public class FairSolveBenchmarks
{
    private CandidateGraph _graph = null!;

    /// <summary>Instance size as seekers×posts (openings = 5 per post).</summary>
    [Params("5000x2000", "20000x6000")]
    public string Size { get; set; } = "5000x2000";

    /// <summary>Objective to optimise.</summary>
    [Params(FairObjective.Score, FairObjective.Placements)]
    public FairObjective Objective { get; set; }

    /// <summary>Builds the instance once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Size.Split('x');
        int seekers = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        int posts = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        _graph = FairInstances.Create(seekers, posts, posts * 5);
    }

    /// <summary>Optimal solve.</summary>
    [Benchmark]
    public long SolveOptimal() => FairSolver.Solve(_graph, Objective, FairMode.Optimal).TotalScoreMicro;

    /// <summary>Stable solve for reference.</summary>
    [Benchmark]
    public long SolveStable() => FairSolver.Solve(_graph, Objective, FairMode.Stable).TotalScoreMicro;
}
