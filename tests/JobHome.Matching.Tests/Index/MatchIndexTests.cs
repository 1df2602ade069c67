using FsCheck.Xunit;
using JobHome.Domain.Geography;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;
using JobHome.Matching.Tests.Scoring;

namespace JobHome.Matching.Tests.Index;

public sealed class MatchIndexTests
{
    private static void AssertSame(List<(string Id, double Score)> expected, IReadOnlyList<Recommendation> actual)
    {
        Assert.Equal(expected.Select(e => e.Id), actual.Select(a => a.Id));
        Assert.Equal(expected.Select(e => e.Score), actual.Select(a => a.Score));
    }

    private static MatchOptions RandomOptions(Random random) => random.Next(3) switch
    {
        0 => new MatchOptions(TestData.AsOf),
        1 => new MatchOptions(TestData.AsOf, MaxKm: 20, UrbanMaxKm: 6),
        _ => new MatchOptions(TestData.AsOf, MaxKm: 8),
    };

    private static ScoringModel RandomModel(Random random) => random.Next(3) switch
    {
        0 => ScoringModel.Default,
        1 => ScoringModel.FromWeights(0.1, 0.1, 0.1, 0.6, 0.1),
        _ => ScoringModel.FromWeights(random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble() + 0.01),
    };

    [Property(MaxTest = 30, Replay = "(20261122,1234567)")]
    public bool TopPostsForSeeker_RandomData_EqualsBruteForce(int seed)
    {
        var random = new Random(seed);
        var data = new TestData(seed);
        var (seekers, posts) = data.Make(30, random.Next(0, 600));
        var model = RandomModel(random);
        var index = new MatchIndex(model);
        index.UpsertPosts(posts);
        var found = 0;
        foreach (var s in seekers)
        {
            var options = RandomOptions(random);
            var k = random.Next(1, 30);
            var expected = BruteForce.TopPosts(new Scorer(model, options), s, posts, k);
            AssertSame(expected, index.TopPostsForSeeker(s, k, options));
            found += expected.Count;
        }
        return posts.Count < 300 || found > 0;
    }

    [Property(MaxTest = 30, Replay = "(20261123,7654321)")]
    public bool TopSeekersForPost_RandomData_EqualsBruteForce(int seed)
    {
        var random = new Random(seed);
        var data = new TestData(seed);
        var (seekers, posts) = data.Make(random.Next(0, 800), 30);
        var model = RandomModel(random);
        var index = new MatchIndex(model);
        index.UpsertSeekers(seekers);
        var found = 0;
        foreach (var p in posts)
        {
            var options = RandomOptions(random);
            var k = random.Next(1, 30);
            var expected = BruteForce.TopSeekers(new Scorer(model, options), p, seekers, k);
            AssertSame(expected, index.TopSeekersForPost(p, k, options));
            found += expected.Count;
        }
        return seekers.Count < 300 || found > 0;
    }

    [Fact]
    public void TopPostsForSeeker_AfterUpdatesAndRemovals_EqualsBruteForceOnCurrentRecords()
    {
        var data = new TestData(99);
        var random = new Random(99);
        var (seekers, posts) = data.Make(20, 400);
        var index = new MatchIndex();
        index.UpsertPosts(posts);
        var current = posts.ToDictionary(p => p.Id);
        for (var round = 0; round < 600; round++)
        {
            var id = posts[random.Next(posts.Count)].Id;
            if (random.Next(3) == 0)
            {
                Assert.Equal(current.Remove(id), index.RemovePost(id));
            }
            else
            {
                var post = data.Post(id);
                index.UpsertPost(post);
                current[id] = post;
            }
        }
        Assert.Equal(current.Count, index.PostCount);
        var options = new MatchOptions(TestData.AsOf);
        var scorer = new Scorer(ScoringModel.Default, options);
        foreach (var s in seekers)
        {
            AssertSame(BruteForce.TopPosts(scorer, s, current.Values, 15), index.TopPostsForSeeker(s, 15, options));
        }
    }

    [Fact]
    public void TopSeekersForPost_AfterUpdatesAndRemovals_EqualsBruteForceOnCurrentRecords()
    {
        var data = new TestData(98);
        var random = new Random(98);
        var (seekers, posts) = data.Make(500, 20);
        var index = new MatchIndex();
        index.UpsertSeekers(seekers);
        var current = seekers.ToDictionary(s => s.Id);
        for (var round = 0; round < 800; round++)
        {
            var id = seekers[random.Next(seekers.Count)].Id;
            if (random.Next(3) == 0)
            {
                Assert.Equal(current.Remove(id), index.RemoveSeeker(id));
            }
            else
            {
                var seeker = data.Seeker(id);
                index.UpsertSeeker(seeker);
                current[id] = seeker;
            }
        }
        Assert.Equal(current.Count, index.SeekerCount);
        var options = new MatchOptions(TestData.AsOf);
        var scorer = new Scorer(ScoringModel.Default, options);
        foreach (var p in posts)
        {
            AssertSame(BruteForce.TopSeekers(scorer, p, current.Values, 15), index.TopSeekersForPost(p, 15, options));
        }
    }

    [Fact]
    public void TopPostsForSeeker_Result_CarriesTopFactorsInBothLanguages()
    {
        var index = new MatchIndex();
        index.UpsertPost(EligibilityTests.Post());
        var options = new MatchOptions(new DateOnly(2026, 6, 15));
        var result = Assert.Single(index.TopPostsForSeeker(EligibilityTests.Seeker(), 5, options));
        Assert.Equal("p1", result.Id);
        Assert.Equal(3, result.TopFactors.Count);
        Assert.Equal("职业匹配 1.00 ×0.40", result.TopFactors[0].Chinese);
        Assert.Equal("occupation match 1.00 ×0.40", result.TopFactors[0].English);
        Assert.Equal(new Scorer(ScoringModel.Default, options).Explain(EligibilityTests.Seeker(), EligibilityTests.Post()).Take(3), result.TopFactors);
    }

    [Fact]
    public async Task TopPostsForSeeker_ConcurrentUpdates_NeverTornNorDuplicated()
    {
        // Each post flips between two complete versions far apart in every field; a torn read would yield a score
        // matching neither version.
        var data = new TestData(5);
        var (seekers, basePosts) = data.Make(8, 300);
        var versions = basePosts.Select(p => (A: p, B: data.Post(p.Id) with { Location = data.Near(p.Location, 3) })).ToArray();
        var byId = versions.ToDictionary(v => v.A.Id);
        var index = new MatchIndex();
        index.UpsertPosts(basePosts);
        var options = new MatchOptions(TestData.AsOf);
        var scorer = new Scorer(ScoringModel.Default, options);
        using var stop = new CancellationTokenSource();
        var queries = 0;
        var writes = 0;
        var writer = Task.Run(() =>
        {
            var random = new Random(1);
            // Keep writing until the readers have run enough queries against a moving index.
            while (Volatile.Read(ref queries) < 300 || writes < 5_000)
            {
                writes++;
                var (a, b) = versions[random.Next(versions.Length)];
                switch (random.Next(5))
                {
                    case 0:
                        index.RemovePost(a.Id);
                        break;
                    case 1 or 2:
                        index.UpsertPost(a);
                        break;
                    default:
                        index.UpsertPost(b);
                        break;
                }
            }
            stop.Cancel();
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                var s = seekers[random.Next(seekers.Count)];
                var result = index.TopPostsForSeeker(s, 20, options);
                Assert.Equal(result.Count, result.Select(x => x.Id).Distinct().Count());
                for (var i = 1; i < result.Count; i++)
                {
                    Assert.True(result[i - 1].Score > result[i].Score
                        || (result[i - 1].Score == result[i].Score && string.CompareOrdinal(result[i - 1].Id, result[i].Id) < 0));
                }
                foreach (var rec in result)
                {
                    var (a, b) = byId[rec.Id];
                    var okA = scorer.TryScore(s, a, out var scoreA) && scoreA == rec.Score;
                    var okB = scorer.TryScore(s, b, out var scoreB) && scoreB == rec.Score;
                    Assert.True(okA || okB, $"torn record {rec.Id}: {rec.Score} is neither {scoreA} nor {scoreB}");
                }
                Interlocked.Increment(ref queries);
            }
        })).ToArray();
        await Task.WhenAll([writer, .. readers]);
        Assert.True(queries >= 300);
    }

    [Fact]
    public async Task TopSeekersForPost_ConcurrentUpdates_NeverTornNorDuplicated()
    {
        // Seekers flip between two complete versions with different intentions (so their copies move between
        // buckets); results must hold each seeker once, with the score of one of its versions.
        var data = new TestData(6);
        var (baseSeekers, posts) = data.Make(400, 8);
        var versions = baseSeekers.Select(s => (A: s, B: data.Seeker(s.Id) with { Location = data.Near(s.Location, 3) })).ToArray();
        var byId = versions.ToDictionary(v => v.A.Id);
        var index = new MatchIndex();
        index.UpsertSeekers(baseSeekers);
        var options = new MatchOptions(TestData.AsOf);
        var scorer = new Scorer(ScoringModel.Default, options);
        using var stop = new CancellationTokenSource();
        var queries = 0;
        var writes = 0;
        var writer = Task.Run(() =>
        {
            var random = new Random(2);
            while (Volatile.Read(ref queries) < 300 || writes < 5_000)
            {
                writes++;
                var (a, b) = versions[random.Next(versions.Length)];
                switch (random.Next(5))
                {
                    case 0:
                        index.RemoveSeeker(a.Id);
                        break;
                    case 1 or 2:
                        index.UpsertSeeker(a);
                        break;
                    default:
                        index.UpsertSeeker(b);
                        break;
                }
            }
            stop.Cancel();
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(r + 10);
            while (!stop.IsCancellationRequested)
            {
                var p = posts[random.Next(posts.Count)];
                var result = index.TopSeekersForPost(p, 20, options);
                Assert.Equal(result.Count, result.Select(x => x.Id).Distinct().Count());
                foreach (var rec in result)
                {
                    var (a, b) = byId[rec.Id];
                    var okA = scorer.TryScore(a, p, out var scoreA) && scoreA == rec.Score;
                    var okB = scorer.TryScore(b, p, out var scoreB) && scoreB == rec.Score;
                    Assert.True(okA || okB, $"torn record {rec.Id}: {rec.Score} is neither {scoreA} nor {scoreB}");
                }
                Interlocked.Increment(ref queries);
            }
        })).ToArray();
        await Task.WhenAll([writer, .. readers]);
        Assert.True(queries >= 300);
    }

    [Fact]
    public void TopPostsForSeeker_EmptyIndexOrZeroK_Empty()
    {
        var index = new MatchIndex();
        var options = new MatchOptions(TestData.AsOf);
        Assert.Empty(index.TopPostsForSeeker(EligibilityTests.Seeker(), 10, options));
        index.UpsertPost(EligibilityTests.Post());
        Assert.Empty(index.TopPostsForSeeker(EligibilityTests.Seeker(), 0, options));
        Assert.Empty(index.TopSeekersForPost(EligibilityTests.Post(), 10, options));
    }

    [Fact]
    public void TopPostsForSeeker_PostsAcrossCellBoundaries_AllFoundWithinRadius()
    {
        // Posts on a ring 14.9 km around a seeker sitting exactly on a cell corner.
        var index = new MatchIndex();
        var home = new GeoPoint(26.0, 115.0);
        var posts = new List<MatchPost>();
        for (var i = 0; i < 72; i++)
        {
            var bearing = i * 5 * Math.PI / 180;
            var d = 14.9 / GeoPoint.EarthRadiusKm;
            var lat = home.Lat + (d * Math.Cos(bearing) * 180 / Math.PI);
            var lon = home.Lon + (d * Math.Sin(bearing) * 180 / Math.PI / Math.Cos(home.Lat * Math.PI / 180));
            posts.Add(EligibilityTests.Post() with { Id = $"r{i:00}", Location = new GeoPoint(lat, lon) });
        }
        index.UpsertPosts(posts);
        var options = new MatchOptions(TestData.AsOf);
        var seeker = EligibilityTests.Seeker() with { Location = home };
        var expected = BruteForce.TopPosts(new Scorer(ScoringModel.Default, options), seeker, posts, 100);
        Assert.NotEmpty(expected);
        AssertSame(expected, index.TopPostsForSeeker(seeker, 100, options));
    }
}
