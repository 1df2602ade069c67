using JobHome.Benchmarks.Matching;
using JobHome.Domain.People;
using JobHome.Domain.Sites;
using JobHome.Grains.Hosting;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Sites;
using JobHome.Matching.Model;
using JobHome.Tests.Shared;
using Orleans.TestingHost;

namespace JobHome.Benchmarks.GrainsMatching;

/// <summary>
/// One in-process silo (in-memory storage, reminders and streams) whose match partitions hold <c>posts</c> open posts
/// and <c>seekers</c> active seekers of the synthetic province (<see cref="MatchingData"/>, seeded), loaded straight into
/// the partitions in batches; new seekers then register through their grains.
/// </summary>
internal sealed class PostListCluster : IAsyncDisposable
{
    private const string Village = "VBENCH0101";
    private readonly InProcessTestCluster _cluster;
    private readonly MatchingData _newSeekers = new(7);
    private readonly Dictionary<DateOnly, int> _perBirthDate = [];
    private int _next;

    private PostListCluster(InProcessTestCluster cluster) => _cluster = cluster;

    /// <summary>The client.</summary>
    public IClusterClient Client => _cluster.Client;

    /// <summary>Starts the silo and loads the records.</summary>
    public static async Task<PostListCluster> StartAsync(int posts, int seekers)
    {
        // The silo the in-process silo tests run (tests/Shared/InMemoryTestSilo.cs, linked).
        var cluster = await InMemoryTestSilo.StartAsync(services => services.AddJobHomeGrains());
        var result = new PostListCluster(cluster);
        await result.LoadAsync(posts, seekers);
        return result;
    }

    private async Task LoadAsync(int posts, int seekers)
    {
        SiteProfile[] sites =
        [
            new("PBENCH", "基准省就业之家", SiteKind.Province, null, 28.68, 115.86, false),
            new("CBENCH", "基准市就业之家", SiteKind.City, "PBENCH", 25.83, 114.93, false),
            new("XBENCH", "基准县就业之家", SiteKind.County, "CBENCH", 25.39, 114.92, false),
            new("TBENCH01", "基准镇就业之家", SiteKind.Township, "XBENCH", 25.38, 114.93, false),
            new(Village, "基准村就业之家", SiteKind.Village, "TBENCH01", 25.37, 114.94, true),
        ];
        foreach (var site in sites)
        {
            var registered = await Client.GetGrain<ISiteGrain>(site.Code).RegisterAsync(site);
            if (!registered.Succeeded)
            {
                throw new InvalidOperationException($"site {site.Code} refused: {string.Join("; ", registered.Errors)}");
            }
        }
        var options = new MatchingOptions();
        foreach (var batch in new MatchingData(2).Posts(posts).Chunk(5_000))
        {
            await Task.WhenAll(batch.GroupBy(p => MatchPartitions.KeyOf(p.Location.Lat, p.Location.Lon, options.CellDegrees))
                .Select(g => Client.GetGrain<IMatchPartitionGrain>(g.Key).UpsertPostsAsync([.. g.Select(PostMatchRecord.From)])));
        }
        foreach (var batch in new MatchingData(5).Seekers(seekers).Chunk(10_000))
        {
            await Task.WhenAll(batch.GroupBy(s => MatchPartitions.KeyOf(s.Location.Lat, s.Location.Lon, options.CellDegrees))
                .Select(g => Client.GetGrain<IMatchPartitionGrain>(g.Key).UpsertSeekersAsync([.. g.Select(SeekerMatchRecord.From)])));
        }
    }

    /// <summary>Registers a new unemployed seeker (the registration computes the post list) and reads the top 10.</summary>
    public async Task<int> RegisterNewSeekerAsync()
    {
        var n = Interlocked.Increment(ref _next);
        var s = _newSeekers.Seeker(n);
        var birth = s.BirthDate;
        int sequence;
        lock (_perBirthDate)
        {
            sequence = _perBirthDate[birth] = _perBirthDate.GetValueOrDefault(birth) + 1;
        }
        var idCard = IdCardNumber.Create("360722", birth, sequence);
        var id = $"bench-{n:D8}";
        var registration = new SeekerRegistration(Village, "基准", idCard.RevealFullNumber(), birth, idCard.Gender, s.Education,
            LabourStatus.Unemployed, new DateOnly(2026, 1, 5))
        {
            Occupations = [.. s.Occupations.Select(o => o.ToString())],
            Skills = [.. s.Skills],
            ExpectedPayMin = s.ExpectedPayMin,
            Lat = s.Location.Lat,
            Lon = s.Location.Lon,
            Rural = s.Rural,
            Availability = s.Availability,
        };
        var result = await Client.GetGrain<ISeekerGrain>(id).RegisterAsync(registration);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"registration {id} refused: {string.Join("; ", result.Errors)}");
        }
        var list = await Client.GetGrain<ISeekerMatchingGrain>(id).GetPostListAsync(10);
        return list!.Items.Length;
    }

    /// <summary>The same seeker features queried over the partitions without registering (the matching part alone).</summary>
    public async Task<int> QueryOnlyAsync(MatchSeeker seeker) =>
        (await MatchQueries.TopPostsAsync(Client, new MatchingOptions(), SeekerMatchRecord.From(seeker), 10,
            DateOnly.FromDateTime(DateTime.UtcNow))).Length;

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();
}
