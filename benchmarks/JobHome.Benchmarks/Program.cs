using BenchmarkDotNet.Running;
using JobHome.Benchmarks.Matching;

namespace JobHome.Benchmarks;

/// <summary>Runs the benchmark suites; pass BenchmarkDotNet arguments such as <c>--filter *Matching*</c>.</summary>
public static class Program
{
    /// <summary>Entry point; <c>time-fair</c> and <c>export-fair</c> run the fair-assignment timing helpers instead.</summary>
    public static void Main(string[] args)
    {
        if (FairTiming.TryRun(args))
        {
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
