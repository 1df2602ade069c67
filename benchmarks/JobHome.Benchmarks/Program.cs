using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using JobHome.Benchmarks.Congestion;
using JobHome.Benchmarks.GrainsMatching;
using JobHome.Benchmarks.GrainsThroughput;
using JobHome.Benchmarks.Matching;

namespace JobHome.Benchmarks;

/// <summary>Runs the benchmark suites; pass BenchmarkDotNet arguments such as <c>--filter *Matching*</c>.</summary>
public static class Program
{
    /// <summary>Like <c>--inProcess</c>, with 30 minutes per benchmark instead of 5.</summary>
    public const string InProcessLong = "--inProcessLong";

    /// <summary>
    /// Entry point; <c>time-fair</c>, <c>export-fair</c>, <c>time-graph</c>, <c>export-match-csv</c>,
    /// <c>time-match-solve</c>, <c>time-postlist</c>, <c>time-changes</c>, <c>pricing-memory</c>, <c>query-bytes</c>, <c>kept-queries</c>, <c>kept-walk</c>, <c>time-call-timing</c>, <c>shard-writes</c> and
    /// <c>time-api</c> run the console timing helpers instead.
    /// </summary>
    public static void Main(string[] args)
    {
        if (FairTiming.TryRun(args) || GraphTiming.TryRun(args) || MatchSolveTiming.TryRun(args) || PostListTiming.TryRun(args)
            || ChangeTiming.TryRun(args) || PricingMemory.TryRun(args) || QueryBytes.TryRun(args) || KeptQueryTiming.TryRun(args)
            || KeptWalkTiming.TryRun(args)
            || Orleans.CallTimingCpu.TryRun(args) || Api.ApiRequestCost.TryRun(args)
            || Indicators.SourceShardWrites.TryRun(args))
        {
            return;
        }
        if (args.Contains(InProcessLong))
        {
            // BenchmarkDotNet's --inProcess gives a benchmark 5 minutes including its setup; on a loaded machine the
            // re-ranking suite's setup (training + indexing 500,000 posts) alone can take that long.
            var job = Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true));
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
                .Run([.. args.Where(a => a != InProcessLong)], DefaultConfig.Instance.AddJob(job.AsDefault()));
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
