using JobHome.Matching.Assignment;

namespace JobHome.Benchmarks.Matching;

/// <summary>The named fair sizes shared by the benchmarks and the scipy comparison.</summary>
public static class FairInstanceSizes
{
    /// <summary>Seed used for every fair instance.</summary>
    public const int Seed = 20260322;

    /// <summary>Names of the sizes, smallest first.</summary>
    public static readonly string[] Names = ["5000x2000", "20000x6000", "120000x50000"];

    /// <summary>Creates the named instance: top-50 graph, openings = 1.5 × posts (5 × posts at 20000x6000).</summary>
    public static CandidateGraph Create(string name) => name switch
    {
        "5000x2000" => FairInstances.Create(5_000, 2_000, 7_500, 50, Seed),
        "20000x6000" => FairInstances.Create(20_000, 6_000, 30_000, 50, Seed),
        "120000x50000" => FairInstances.Create(120_000, 50_000, 150_000, 50, Seed),
        _ => throw new ArgumentException($"unknown fair size {name}", nameof(name)),
    };
}
