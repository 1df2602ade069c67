using BenchmarkDotNet.Attributes;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>
/// The second stage over the linear stage's exact top-100 (trees trained on Xinfeng's demo outcomes, 100 trees × 16 leaves).
/// Targets: re-ranking 100 candidates ≤ 0.5 ms; top-20 over 500,000 posts including re-ranking ≤ 2 ms median.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MatchingRerankBenchmarks
{
    private const int TopN = 100;
    private MatchIndex _index = null!;
    private Dictionary<string, MatchPost> _posts = null!;
    private MatchSeeker[] _queries = null!;
    private List<RerankCandidate>[] _candidates = null!;
    private MatchOptions _options = null!;
    private MatchOptions _linearOptions = null!;
    private Reranker _reranker = null!;
    private double[] _scores = null!;
    private float[] _features = null!;
    private int _i;

    /// <summary>Number of indexed posts.</summary>
    [Params(500_000)]
    public int Posts { get; set; }

    /// <summary>Trains the model, builds the index and each query's top-100 once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var model = RerankModel.Result;
        var data = new MatchingData(2);
        var posts = data.Posts(Posts).ToList();
        _posts = posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _index = new MatchIndex(model.Linear);
        _index.UpsertPosts(posts);
        _queries = [.. new MatchingData(3).Seekers(64)];
        _options = new MatchOptions(MatchingData.AsOf);
        // Before re-ranking the linear stage explains nothing: the returned posts carry the re-ranker's reasons.
        _linearOptions = _options with { TopFactors = 0 };
        _reranker = new Reranker(model.Trees, _options);
        _candidates = [.. _queries.Select(Candidates)];
        _scores = new double[TopN];
        _features = new float[RerankFeatureNames.Count];
    }

    /// <summary>Tree scores of one query's top-100 (features computed from the records).</summary>
    [Benchmark]
    public double ScoreTop100()
    {
        var q = _i++ & 63;
        _reranker.Score(_queries[q], _candidates[q], _scores, _features);
        return _scores[0];
    }

    /// <summary>Re-ranks one query's top-100 into a top-20 with three reasons each.</summary>
    [Benchmark]
    public int RerankTop100WithReasons()
    {
        var q = _i++ & 63;
        return _reranker.Rerank(_queries[q], _candidates[q], 20).Count;
    }

    /// <summary>The linear stage alone: exact top-100 over the index.</summary>
    [Benchmark]
    public int LinearTop100()
    {
        var q = _i++ & 63;
        return _index.TopPostsForSeeker(_queries[q], TopN, _options).Count;
    }

    /// <summary>The linear stage as the two-stage query runs it: exact top-100, no linear explanations.</summary>
    [Benchmark]
    public int LinearTop100Unexplained()
    {
        var q = _i++ & 63;
        return _index.TopPostsForSeeker(_queries[q], TopN, _linearOptions).Count;
    }

    /// <summary>The whole query: exact linear top-100 over the index, then re-ranked to a top-20 with reasons.</summary>
    [Benchmark]
    public int TopPostsWithRerank()
    {
        var q = _i++ & 63;
        return _reranker.Rerank(_queries[q], Candidates(_queries[q], _linearOptions), 20).Count;
    }

    private List<RerankCandidate> Candidates(MatchSeeker seeker) => Candidates(seeker, _options);

    private List<RerankCandidate> Candidates(MatchSeeker seeker, MatchOptions options)
    {
        var top = _index.TopPostsForSeeker(seeker, TopN, options);
        var list = new List<RerankCandidate>(top.Count);
        for (var r = 0; r < top.Count; r++)
        {
            list.Add(new RerankCandidate(_posts[top[r].Id], top[r].Score, new RerankContext(r % 30, r % 11, r % 3, r % 5, (r % 3) / 2f)));
        }
        return list;
    }
}
