using BenchmarkDotNet.Attributes;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>Top-20 posts for a seeker over a province's open posts (one thread, exact). Target: ≤ 1 ms median at 500,000.</summary>
[MemoryDiagnoser]
public class MatchingTopPostsBenchmarks
{
    private MatchIndex _index = null!;
    private MatchSeeker[] _queries = null!;
    private MatchOptions _options = null!;
    private int _i;

    /// <summary>Number of indexed posts.</summary>
    [Params(500_000)]
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
    }

    /// <summary>One query; successive calls rotate through 512 different seekers.</summary>
    [Benchmark]
    public int TopPostsForSeeker() => _index.TopPostsForSeeker(_queries[_i++ & 511], 20, _options).Count;
}
