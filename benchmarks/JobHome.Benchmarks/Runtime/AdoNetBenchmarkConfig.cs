using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace JobHome.Benchmarks.Runtime;

/// <summary>A short in-process job for database-bound benchmarks: one warm-up, five measured iterations, each one invocation.</summary>
internal sealed class AdoNetBenchmarkConfig : ManualConfig
{
    public AdoNetBenchmarkConfig() =>
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("ShortInProcess"));
}
