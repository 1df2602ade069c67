using JobHome.Cli.Fair;
using JobHome.Cli.Tests.Support;
using JobHome.Matching.Assignment;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;
using static JobHome.Cli.Tests.Support.SampleData;

namespace JobHome.Cli.Tests.Fair;

/// <summary>
/// <c>fair match --recommendations-out</c> runs the recommendations beside the solve: they really overlap, a failing
/// solve stops them, and a failed write still leaves nothing behind.
/// </summary>
public sealed class FairMatchOverlapTests : IDisposable
{
    /// <summary>Longest wait for the other side of a barrier; only reached when the overlap is missing.</summary>
    private static readonly TimeSpan BarrierLimit = TimeSpan.FromSeconds(30);

    private readonly CliHarness _cli = new();

    public FairMatchOverlapTests()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1"), Seeker("S2")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1", openings: "2")));
    }

    public void Dispose() => _cli.Dispose();

    private Task<CliResult> MatchAsync(IFairEngine engine, string outDir = "out") =>
        _cli.RunAsync(_ => engine, "fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"),
            "--out", _cli.PathOf($"{outDir}/assignment.csv"), "--recommendations-out", _cli.PathOf($"{outDir}/recs.csv"),
            "--as-of", "2026-11-01");

    [Fact]
    public async Task Match_WithRecommendations_RunsThemWhileTheSolveRuns()
    {
        var engine = new GatedEngine();
        engine.OnSolve = () => engine.AwaitBoth(engine.SolveStarted, engine.RecommendStarted);
        engine.OnRecommend = _ => engine.AwaitBoth(engine.RecommendStarted, engine.SolveStarted);

        var result = await MatchAsync(engine);

        Assert.Equal(0, result.Exit);
        Assert.Equal(["seeker_id,post_id,score", "S1,P1,0.750001", "S2,P1,0.750001"],
            File.ReadAllText(_cli.PathOf("out/assignment.csv")).TrimEnd('\n').Split('\n'));
        Assert.Equal(3, File.ReadAllLines(_cli.PathOf("out/recs.csv")).Length);
        Assert.Contains("time recommend", result.Output, StringComparison.Ordinal);
        Assert.Contains("time solve", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_SolveFailsWhileRecommending_CancelsThemAndWritesNothing()
    {
        var engine = new GatedEngine();
        var recommendCancelled = false;
        engine.OnSolve = () =>
        {
            Assert.True(engine.RecommendStarted.Wait(BarrierLimit));
            throw new InvalidOperationException("solver broke");
        };
        engine.OnRecommend = token =>
        {
            engine.RecommendStarted.Set();
            recommendCancelled = token.WaitHandle.WaitOne(BarrierLimit);
            token.ThrowIfCancellationRequested();
        };

        var result = await MatchAsync(engine);

        Assert.Equal(ExitCodes.InternalError, result.Exit);
        Assert.Contains("solver broke", result.Error, StringComparison.Ordinal);
        Assert.True(recommendCancelled);
        Assert.False(Directory.Exists(_cli.PathOf("out")) && Directory.EnumerateFileSystemEntries(_cli.PathOf("out")).Any());
    }

    [Fact]
    public async Task Match_OutputCannotBeWrittenWithRecommendations_ReportsItAndWritesNothing()
    {
        // The output "directory" is a file, so assignment.csv cannot be created.
        _cli.Write("blocked", "not a directory");

        var result = await MatchAsync(new GatedEngine(), outDir: "blocked");

        Assert.Equal(ExitCodes.OutputFailed, result.Exit);
        Assert.Contains("cannot write the output files", result.Error, StringComparison.Ordinal);
        Assert.Equal("not a directory", File.ReadAllText(_cli.PathOf("blocked")));
    }

    /// <summary>The fake engine with hooks at the start of the solve and of the recommendations.</summary>
    private sealed class GatedEngine : IFairEngine
    {
        private readonly IFairEngine _inner = FakeFairEngine.Create(null);

        public ManualResetEventSlim SolveStarted { get; } = new();

        public ManualResetEventSlim RecommendStarted { get; } = new();

        public Action OnSolve { get; set; } = () => { };

        public Action<CancellationToken> OnRecommend { get; set; } = _ => { };

        /// <summary>Signals <paramref name="mine"/> and waits for <paramref name="other"/>; fails when it never comes.</summary>
        public void AwaitBoth(ManualResetEventSlim mine, ManualResetEventSlim other)
        {
            mine.Set();
            if (!other.Wait(BarrierLimit))
            {
                throw new InvalidOperationException("the solve and the recommendations did not run at the same time");
            }
        }

        public CandidateGraph BuildGraph(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, FairSettings settings,
            IProgress<long> progress, CancellationToken cancellationToken) =>
            _inner.BuildGraph(seekers, posts, settings, progress, cancellationToken);

        public FairAssignment Solve(CandidateGraph graph, FairSettings settings, IProgress<long> progress,
            CancellationToken cancellationToken)
        {
            OnSolve();
            return _inner.Solve(graph, settings, progress, cancellationToken);
        }

        public IReadOnlyList<IReadOnlyList<Recommendation>> Recommend(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts,
            FairSettings settings, int count, IProgress<long> progress, CancellationToken cancellationToken)
        {
            OnRecommend(cancellationToken);
            return _inner.Recommend(seekers, posts, settings, count, progress, cancellationToken);
        }
    }
}
