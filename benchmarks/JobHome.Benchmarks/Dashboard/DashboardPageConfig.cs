using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace JobHome.Benchmarks.Dashboard;

/// <summary>
/// A slow macro benchmark: one page load per iteration (no pilot, no overhead runs), two warm-up loads, ten measured;
/// in process, so the setup's silo start and demo load get 20 minutes and <see cref="ReadyMarks"/> reaches the column.
/// </summary>
public sealed class DashboardPageConfig : ManualConfig
{
    /// <summary>Measured page loads per benchmark.</summary>
    public const int Iterations = 10;

    /// <summary>The job and the columns.</summary>
    public DashboardPageConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(Iterations)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true))
            .WithId("PageLoad"));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max, new ReadyMarkColumn());
    }
}
