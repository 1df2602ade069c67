using BenchmarkDotNet.Running;
using JobHome.Benchmarks.GrainsMatching;
using JobHome.Benchmarks.GrainsThroughput;
using JobHome.Benchmarks.Matching;

namespace JobHome.Benchmarks;

/// <summary>Runs the benchmark suites; pass BenchmarkDotNet arguments such as <c>--filter *Matching*</c>.</summary>
public static class Program
{
    /// <summary>
    /// Entry point; <c>time-fair</c>, <c>export-fair</c>, <c>time-graph</c>, <c>export-match-csv</c>, <c>time-postlist</c>
    /// and <c>time-changes</c> run the console timing helpers instead.
    /// </summary>
    public static void Main(string[] args)
    {
        if (FairTiming.TryRun(args) || GraphTiming.TryRun(args) || PostListTiming.TryRun(args) || ChangeTiming.TryRun(args))
        {
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
