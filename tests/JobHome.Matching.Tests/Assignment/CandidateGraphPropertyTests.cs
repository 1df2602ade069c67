using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Matching.Assignment;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Tests.Assignment;

/// <summary>
/// The candidate graph equals brute force: every pair scored with <see cref="Scorer.TryScore(MatchSeeker, MatchPost, out double)"/>,
/// each row sorted by score, then post id ordinal, then input position, cut at topN (0 = all eligible).
/// </summary>
public sealed class CandidateGraphPropertyTests
{
    public static TheoryData<int, int, int> Cases()
    {
        var data = new TheoryData<int, int, int>();
        int[] tops = [0, 1, 2, 7, 50, 400];
        for (var seed = 1; seed <= 6; seed++)
        {
            foreach (var top in tops)
            {
                data.Add(seed, top, seed % 3);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_RandomSeededFair_EqualsBruteForceScorer(int seed, int topN, int variant)
    {
        var data = new TestData(seed * 101);
        var (seekers, posts) = data.Make(160, 420);
        var random = new Random(seed);
        // Same ids under different input positions (ties go to the earlier position), and posts without openings.
        for (var i = 0; i < 12; i++)
        {
            var copy = posts[random.Next(posts.Count)];
            posts.Insert(random.Next(posts.Count + 1), copy);
        }
        for (var i = 0; i < 6; i++)
        {
            var j = random.Next(posts.Count);
            posts[j] = posts[j] with { Openings = -random.Next(0, 3) };
        }
        var (options, model) = variant switch
        {
            0 => (new MatchOptions(TestData.AsOf), ScoringModel.Default),
            1 => (new MatchOptions(TestData.AsOf, MaxKm: 6, UrbanMaxKm: 11), ScoringModel.FromWeights(0.1, 0.1, 0.1, 0.6, 0.1)),
            _ => (new MatchOptions(TestData.AsOf, MaxKm: 20) { PriorityGroups = KeyGroups.Unemployed, OtherKeyGroupPriority = 0.25 },
                ScoringModel.FromWeights(0, 0.5, 0.3, 0.1, 0.1)),
        };

        var graph = CandidateGraphBuilder.Build(seekers, posts, options, model, topN);

        var scorer = new Scorer(model, options);
        Assert.Equal(seekers.Count, graph.SeekerCount);
        Assert.Equal(posts.Select(p => Math.Max(0, p.Openings)), graph.Capacity.ToArray());
        for (var s = 0; s < seekers.Count; s++)
        {
            var expected = posts
                .Select((p, i) => (Index: i, p.Id, Ok: scorer.TryScore(seekers[s], p, out var score), Score: score))
                .Where(x => x.Ok)
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal).ThenBy(x => x.Index)
                .Take(topN == 0 ? int.MaxValue : topN)
                .ToList();
            var from = graph.EdgeStart[s];
            var to = graph.EdgeStart[s + 1];
            Assert.Equal(expected.Select(e => e.Index), graph.EdgePost[from..to].ToArray());
            Assert.Equal(expected.Select(e => CandidateGraph.ToMicro(e.Score)), graph.EdgeScore[from..to].ToArray());
        }
    }

    [Fact]
    public void Build_NoSeekersOrNoPosts_EmptyRows()
    {
        var (seekers, posts) = new TestData(5).Make(20, 20);
        var options = new MatchOptions(TestData.AsOf);
        var noPosts = CandidateGraphBuilder.Build(seekers, [], options, ScoringModel.Default, 50);
        Assert.Equal(0, noPosts.EdgeCount);
        Assert.Equal(seekers.Count, noPosts.SeekerCount);
        var noSeekers = CandidateGraphBuilder.Build([], posts, options, ScoringModel.Default, 50);
        Assert.Equal(0, noSeekers.EdgeCount);
        Assert.Equal(posts.Count, noSeekers.PostCount);
    }

    [Fact]
    public void Haversine_CachedCosines_BitIdenticalToGeoPoint()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var a = new GeoPoint((random.NextDouble() * 170) - 85, (random.NextDouble() * 360) - 180);
            var b = i % 2 == 0
                ? new GeoPoint(a.Lat + ((random.NextDouble() - 0.5) * 0.4), a.Lon + ((random.NextDouble() - 0.5) * 0.4))
                : new GeoPoint((random.NextDouble() * 170) - 85, (random.NextDouble() * 360) - 180);
            var expected = a.DistanceKm(b);
            var actual = GeoDistance.Haversine(a.Lat, a.Lon, GeoDistance.CosLat(a.Lat), b.Lat, b.Lon, GeoDistance.CosLat(b.Lat));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        }
    }

    [Fact]
    public void KmLowerBound_RandomNearbyPairs_NeverAboveHaversine()
    {
        var random = new Random(11);
        for (var i = 0; i < 50_000; i++)
        {
            var a = new GeoPoint((random.NextDouble() * 170) - 85, (random.NextDouble() * 360) - 180);
            var scale = i % 3 == 0 ? 1e-6 : i % 3 == 1 ? 1e-3 : 0.5;
            var b = new GeoPoint(a.Lat + ((random.NextDouble() - 0.5) * scale), a.Lon + ((random.NextDouble() - 0.5) * scale));
            var (ax, ay, az) = GeoDistance.UnitVector(a.Lat, a.Lon);
            var (bx, by, bz) = GeoDistance.UnitVector(b.Lat, b.Lon);
            var chord2 = ((ax - bx) * (ax - bx)) + ((ay - by) * (ay - by)) + ((az - bz) * (az - bz));
            Assert.True(GeoDistance.KmLowerBound(chord2) <= a.DistanceKm(b), $"{a} {b}");
        }
    }

    [Fact]
    public void OccupationKeySharedDepth_AllPairsOfSampleCodes_EqualsOccupationCode()
    {
        var codes = new List<OccupationCode> { default };
        foreach (var text in new[] { "1", "4", "8", "7-00-00-00", "4-01", "4-02", "4-01-02", "4-01-03", "4-01-02-03", "4-01-02-04", "4-02-02-03", "5-01-02-03", "6-99-99-99", "6-99-99-98", "6-99-98" })
        {
            codes.Add(OccupationCode.Parse(text));
        }
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var depth = random.Next(1, 5);
            var code = OccupationCode.Create(random.Next(1, 9), random.Next(1, 4), random.Next(1, 4), random.Next(1, 4));
            codes.Add(code.Truncate(depth));
        }
        foreach (var a in codes)
        {
            foreach (var b in codes)
            {
                Assert.Equal(a.SharedDepth(b), OccupationKey.SharedDepth(OccupationKey.Pack(a), OccupationKey.Pack(b)));
            }
        }
    }
}
