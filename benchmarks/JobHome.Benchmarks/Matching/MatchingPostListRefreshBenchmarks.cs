using BenchmarkDotNet.Attributes;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>
/// A partition's answer to a stored list's re-ask (docs/grains.md, "Refreshes explain only what the seeker does not hold"):
/// the top 20 explained in the query (before), ranked unexplained and then all 20 explained (a part the seeker does not
/// hold), and ranked unexplained with only one explained (a fill or close: 19 items held, one newcomer).
/// </summary>
[MemoryDiagnoser]
public class MatchingPostListRefreshBenchmarks
{
    private MatchIndex _index = null!;
    private MatchSeeker[] _queries = null!;
    private MatchOptions _options = null!;
    private MatchOptions _unexplained = null!;
    private int _i;

    /// <summary>Number of indexed posts (a partition's).</summary>
    [Params(5_000)]
    public int Posts { get; set; }

    /// <summary>Builds the index once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = new MatchingData(2);
        _index = new MatchIndex();
        _index.UpsertPosts(data.Posts(Posts));
        _queries = [.. new MatchingData(3).Seekers(512)];
        _options = new MatchOptions(MatchingData.AsOf);
        _unexplained = _options with { TopFactors = 0 };
    }

    /// <summary>The top 20, explained in the query.</summary>
    [Benchmark(Baseline = true)]
    public int ExplainedQuery() => _index.TopPostsForSeeker(_queries[_i++ & 511], 20, _options).Count;

    /// <summary>The top 20 ranked unexplained, then all of them explained.</summary>
    [Benchmark]
    public int RankedThenAllExplained()
    {
        var seeker = _queries[_i++ & 511];
        var ranked = _index.TopPostsForSeeker(seeker, 20, _unexplained);
        return _index.ExplainPosts(seeker, ranked, _options).Length;
    }

    /// <summary>The top 20 ranked unexplained, then one explained (19 held by the seeker).</summary>
    [Benchmark]
    public int RankedThenOneExplained()
    {
        var seeker = _queries[_i++ & 511];
        var ranked = _index.TopPostsForSeeker(seeker, 20, _unexplained);
        return ranked.Count == 0 ? 0 : _index.ExplainPosts(seeker, [ranked[0]], _options).Length + ranked.Count - 1;
    }
}
