using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using JobHome.Matching.Assignment;

namespace JobHome.Benchmarks.Matching;

/// <summary>Exact fair assignment on top-50 candidate graphs at fair sizes.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FairSolveBenchmarks
{
    private CandidateGraph _graph = null!;

    /// <summary>Fair size as seekers × posts.</summary>
    [Params("5000x2000", "20000x6000")]
    public string Size { get; set; } = "5000x2000";

    /// <summary>Objective solved.</summary>
    [Params(FairObjective.Score, FairObjective.Placements)]
    public FairObjective Objective { get; set; }

    /// <summary>Builds the graph once.</summary>
    [GlobalSetup]
    public void Setup() => _graph = FairInstanceSizes.Create(Size);

    /// <summary>Optimal mode.</summary>
    [Benchmark]
    public long SolveOptimal() => FairSolver.Solve(_graph, Objective, FairMode.Optimal).TotalScoreMicro;

    /// <summary>Stable mode (objective ignored).</summary>
    [Benchmark]
    public long SolveStable() => FairSolver.Solve(_graph, Objective, FairMode.Stable).TotalScoreMicro;
}
