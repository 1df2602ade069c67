using JobHome.Matching.Assignment;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Tests.Assignment;

public sealed class CandidateGraphBuilderTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 50)]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    public void Build_RandomFair_EqualsBruteForceTopNPerSeeker(int seed, int topN)
    {
        var data = new TestData(seed);
        var (seekers, posts) = data.Make(150, 300);
        var options = new MatchOptions(TestData.AsOf);
        var model = ScoringModel.Default;
        var reports = new List<int>();
        var graph = CandidateGraphBuilder.Build(seekers, posts, options, model, topN, new SyncProgress(reports.Add));
        var scorer = new Scorer(model, options);
        var position = posts.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        Assert.Equal(seekers.Count, graph.SeekerCount);
        Assert.Equal(posts.Select(p => Math.Max(0, p.Openings)), graph.Capacity.ToArray());
        for (var s = 0; s < seekers.Count; s++)
        {
            var expected = BruteForce.TopPosts(scorer, seekers[s], posts, topN == 0 ? int.MaxValue : topN);
            var from = graph.EdgeStart[s];
            var to = graph.EdgeStart[s + 1];
            Assert.Equal(expected.Select(e => position[e.Id]), graph.EdgePost[from..to].ToArray());
            Assert.Equal(expected.Select(e => CandidateGraph.ToMicro(e.Score)), graph.EdgeScore[from..to].ToArray());
        }
        Assert.Equal(seekers.Count, reports[^1]);
    }

    [Fact]
    public void Build_Cancelled_Throws()
    {
        var data = new TestData(1);
        var (seekers, posts) = data.Make(100, 100);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            CandidateGraphBuilder.Build(
                seekers, posts, new MatchOptions(TestData.AsOf), ScoringModel.Default, 10, cancellationToken: cts.Token));
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        private readonly Lock _lock = new();

        public void Report(int value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
