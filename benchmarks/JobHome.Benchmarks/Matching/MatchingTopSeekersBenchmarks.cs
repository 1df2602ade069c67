using BenchmarkDotNet.Attributes;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>Top-20 seekers for a new post over a province's seekers (one thread, exact). Target: ≤ 10 ms median at 5,000,000.</summary>
[MemoryDiagnoser]
public class MatchingTopSeekersBenchmarks
{
    private MatchIndex _index = null!;
    private MatchPost[] _queries = null!;
    private MatchOptions _options = null!;
    private int _i;

    /// <summary>Number of indexed seekers.</summary>
    [Params(5_000_000)]
    public int Seekers { get; set; }

    /// <summary>Builds the index once, streaming the generated seekers (records are not kept).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = new MatchingData(4);
        _index = new MatchIndex();
        _index.UpsertSeekers(data.Seekers(Seekers));
        _queries = [.. new MatchingData(5).Posts(512)];
        _options = new MatchOptions(MatchingData.AsOf);
        GC.Collect();
        Console.WriteLine($"// managed heap after building the index: {GC.GetTotalMemory(true) / (1024 * 1024)} MB");
    }

    /// <summary>One query; successive calls rotate through 512 different posts.</summary>
    [Benchmark]
    public int TopSeekersForPost() => _index.TopSeekersForPost(_queries[_i++ & 511], 20, _options).Count;
}
