using BenchmarkDotNet.Running;

namespace JobHome.Benchmarks;

/// <summary>Runs the benchmark suites; pass BenchmarkDotNet arguments such as <c>--filter *Matching*</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args)
    {
        if (Matching.FairCommands.TryRun(args))
        {
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
