using BenchmarkDotNet.Attributes;
using JobHome.Matching.Index;
using JobHome.Matching.Model;

namespace JobHome.Benchmarks.Matching;

/// <summary>Replacing a post (new version of an existing id) in an index of 500,000 posts.</summary>
[MemoryDiagnoser]
public class MatchingIndexUpdateBenchmarks
{
    private MatchIndex _index = null!;
    private MatchPost[] _updates = null!;
    private int _i;

    /// <summary>Number of indexed posts.</summary>
    [Params(500_000)]
    public int Posts { get; set; }

    /// <summary>Builds the index and 4,096 replacement versions of existing posts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _index = new MatchIndex();
        _index.UpsertPosts(new MatchingData(6).Posts(Posts));
        var data = new MatchingData(7);
        _updates = [.. Enumerable.Range(0, 4096).Select(i => data.Post(i * (Posts / 4096)))];
    }

    /// <summary>One upsert of an existing post id.</summary>
    [Benchmark]
    public int UpsertPost()
    {
        _index.UpsertPost(_updates[_i++ & 4095]);
        return _index.PostCount;
    }
}
