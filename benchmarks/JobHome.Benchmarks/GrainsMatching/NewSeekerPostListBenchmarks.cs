using BenchmarkDotNet.Attributes;
using JobHome.Benchmarks.Matching;
using JobHome.Matching.Model;

namespace JobHome.Benchmarks.GrainsMatching;

/// <summary>
/// A new seeker's post list ready: registration through the seeker grain (validation, ID claim, state write, indicator
/// event, features to the partition, post list over every partition in reach) and the top-10 read. Target (issue 9):
/// &lt; 100 ms p99 with 1,000,000 seekers and 100,000 open posts.
/// </summary>
[MemoryDiagnoser]
public class NewSeekerPostListBenchmarks
{
    private PostListCluster _cluster = null!;
    private MatchSeeker[] _queries = null!;
    private int _i;

    /// <summary>Open posts in the partitions.</summary>
    [Params(100_000)]
    public int Posts { get; set; }

    /// <summary>Active seekers in the partitions.</summary>
    [Params(200_000)]
    public int Seekers { get; set; }

    /// <summary>Starts the silo and loads the partitions.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _cluster = PostListCluster.StartAsync(Posts, Seekers).GetAwaiter().GetResult();
        _queries = [.. new MatchingData(3).Seekers(512)];
    }

    /// <summary>Stops the silo.</summary>
    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Registers one new seeker and reads the post list.</summary>
    [Benchmark]
    public Task<int> RegisterAndPostList() => _cluster.RegisterNewSeekerAsync();

    /// <summary>Only the fan-out query (top 10 over the partitions in reach) from the client.</summary>
    [Benchmark]
    public Task<int> PostListQueryOnly() => _cluster.QueryOnlyAsync(_queries[_i++ & 511]);
}
