using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace JobHome.Benchmarks.Orleans;

/// <summary>A short in-process job for the storage providers: one warm-up, five measured iterations, one invocation each.</summary>
internal sealed class OrleansStorageBenchmarkConfig : ManualConfig
{
    public OrleansStorageBenchmarkConfig() =>
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("ShortInProcess"));
}
