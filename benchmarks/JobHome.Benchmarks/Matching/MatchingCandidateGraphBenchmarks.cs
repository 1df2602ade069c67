using BenchmarkDotNet.Attributes;
using JobHome.Matching.Assignment;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>Building a fair's top-50 candidate graph (both cores): the 20k × 6k fair and the 120k × 50k spring fair.</summary>
[MemoryDiagnoser]
public class MatchingCandidateGraphBenchmarks
{
    private MatchSeeker[] _seekers = null!;
    private MatchPost[] _posts = null!;
    private MatchOptions _options = null!;

    /// <summary>Fair size: seekers × posts.</summary>
    [Params("20000x6000", "120000x50000")]
    public string Size { get; set; } = "20000x6000";

    /// <summary>Generates the fair.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        _seekers = [.. new MatchingData(8).Seekers(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture))];
        _posts = [.. new MatchingData(9).Posts(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))];
        _options = new MatchOptions(MatchingData.AsOf);
    }

    /// <summary>Top-50 eligible posts per seeker.</summary>
    [Benchmark]
    public int BuildTop50() => CandidateGraphBuilder.Build(_seekers, _posts, _options, ScoringModel.Default, 50).EdgeCount;
}
