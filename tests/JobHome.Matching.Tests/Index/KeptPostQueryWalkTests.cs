using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Tests.Index;

/// <summary>
/// The kept queries' walk of the post-change log passes over entries without reading the post: superseded entries (the
/// post was logged again later) and entries its prefilter rejects from the log's own copy (out of range, a hard filter, a
/// score bound below the memo's bottom). Every answer must still equal a scan; the counts say what was passed over.
/// </summary>
public sealed class KeptPostQueryWalkTests
{
    private static readonly GeoPoint Home = new(25.83, 114.93);
    private static readonly OccupationCode Wanted = OccupationCode.Parse("4-01-02-03");
    private static readonly MatchOptions Options = new(TestData.AsOf, TopFactors: 0);

    private static MatchSeeker Seeker(TestData data) =>
        data.Seeker("s") with
        {
            Location = Home, Availability = WorkKind.FullTime | WorkKind.PartTime, Occupations = [Wanted], Skills = [],
            ExpectedPayMin = 3000m, Education = EducationLevel.Bachelor, Rural = true, KeyGroups = KeyGroups.None,
        };

    private static MatchPost Post(TestData data, string id, GeoPoint at, OccupationCode? occupation = null, decimal pay = 4000m) =>
        data.Post(id) with
        {
            Location = at, Occupation = occupation ?? Wanted, PayMin = pay, PayMax = pay + 1000m, Kind = WorkKind.FullTime,
            MinEducation = EducationLevel.None, AgeMin = null, AgeMax = null, Openings = 2, Skills = [],
        };

    /// <summary>The point north (or east) of <paramref name="from"/> at the largest offset whose distance is at most
    /// <paramref name="km"/> (inside) or the smallest beyond it (outside), to the last bit of the offset.</summary>
    private static GeoPoint AtKm(GeoPoint from, double km, bool east, bool inside)
    {
        double lo = 0, hi = 1.0;
        GeoPoint At(double d) => east ? new GeoPoint(from.Lat, from.Lon + d) : new GeoPoint(from.Lat + d, from.Lon);
        while (true)
        {
            var mid = lo + ((hi - lo) / 2);
            if (mid <= lo || mid >= hi)
            {
                break;
            }
            if (from.DistanceKm(At(mid)) <= km)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        var point = At(inside ? lo : hi);
        Assert.Equal(inside, from.DistanceKm(point) <= km);
        return point;
    }

    private static void AssertSame(IReadOnlyList<Recommendation> expected, IReadOnlyList<Recommendation> actual)
    {
        Assert.Equal(expected.Select(e => e.Id), actual.Select(a => a.Id));
        Assert.Equal(expected.Select(e => e.Score), actual.Select(a => a.Score));
    }

    private sealed class Pair
    {
        public MatchIndex Kept { get; } = new();

        public MatchIndex Plain { get; } = new();

        public void Upsert(MatchPost post)
        {
            Kept.UpsertPost(post);
            Plain.UpsertPost(post);
        }

        public void Remove(string id)
        {
            Assert.Equal(Plain.RemovePost(id), Kept.RemovePost(id));
        }

        public IReadOnlyList<Recommendation> Ask(MatchSeeker seeker, int count)
        {
            var answer = Kept.TopPostsForSeeker(seeker, count, Options);
            AssertSame(Plain.TopPostsForSeeker(seeker, count, Options), answer);
            return answer;
        }
    }

    [Theory]
    [InlineData(40)]
    [InlineData(8)]
    public void TopPostsForSeeker_PostsJustInsideAndOutsideTheLimit_KeptAnswerEqualsScan(int count)
    {
        var data = new TestData(11);
        var seeker = Seeker(data);
        var pair = new Pair();
        for (var i = 0; i < 30; i++)
        {
            pair.Upsert(Post(data, $"near{i:00}", data.Near(Home, 8), OccupationCode.Parse("8"), 1000m));
        }
        pair.Kept.KeepPostQuery(seeker);
        pair.Ask(seeker, count);
        var limit = Options.LimitKm(seeker.Rural);
        var inside = new[] { AtKm(Home, limit, false, true), AtKm(Home, limit, true, true) };
        var outside = new[] { AtKm(Home, limit, false, false), AtKm(Home, limit, true, false) };
        for (var i = 0; i < 2; i++)
        {
            pair.Upsert(Post(data, $"in{i}", inside[i]));
            pair.Upsert(Post(data, $"out{i}", outside[i]));
        }
        var answer = pair.Ask(seeker, count);
        Assert.DoesNotContain(answer, r => r.Id.StartsWith("out", StringComparison.Ordinal));
        if (count == 40)
        {
            // Every eligible post fits: the posts at the limit are in, those a last bit beyond it are not.
            Assert.Contains(answer, r => r.Id == "in0");
            Assert.Contains(answer, r => r.Id == "in1");
        }
        // A listed post moves a last bit beyond the limit (it must leave the memo), then back, then far away and removed.
        var moved = answer[0].Id;
        pair.Upsert(Post(data, moved, outside[0]));
        Assert.DoesNotContain(pair.Ask(seeker, count), r => r.Id == moved);
        pair.Upsert(Post(data, moved, inside[1], pay: 6000m));
        Assert.Contains(pair.Ask(seeker, count), r => r.Id == moved);
        pair.Upsert(Post(data, moved, new GeoPoint(28.68, 115.86)));
        Assert.DoesNotContain(pair.Ask(seeker, count), r => r.Id == moved);
        pair.Remove(moved);
        pair.Remove("in1");
        pair.Ask(seeker, count);
        // The move far away and the removal are passed over from the log alone; posts a last bit beyond the limit are within
        // the prefilter's margin, so they are read and rejected by the exact distance.
        Assert.True(pair.Kept.KeptWalk.Prefiltered >= 2, $"{pair.Kept.KeptWalk}");
        Assert.Equal((5L, 1L), pair.Kept.KeptAnswers);
    }

    [Fact]
    public void TopPostsForSeeker_PostChangedManyTimes_HandledOnceAtItsLatestEntry()
    {
        var data = new TestData(12);
        var seeker = Seeker(data);
        var pair = new Pair();
        for (var i = 0; i < 60; i++)
        {
            pair.Upsert(Post(data, $"p{i:00}", data.Near(Home, 8), pay: 2000m + (i * 50m)));
        }
        pair.Kept.KeepPostQuery(seeker);
        var answer = pair.Ask(seeker, 20);
        var listed = answer[3].Id;
        var before = pair.Kept.KeptWalk;
        // 25 corrections, a removal, the post back (a new slot) and 25 corrections of it: 51 entries, 2 of them the latest of
        // their slot.
        var at = data.Near(Home, 8);
        for (var i = 0; i < 25; i++)
        {
            pair.Upsert(Post(data, listed, at, pay: 1000m + (i * 200m)));
        }
        pair.Remove(listed);
        for (var i = 0; i < 25; i++)
        {
            pair.Upsert(Post(data, listed, at, pay: 1000m + (i * 200m)));
        }
        pair.Ask(seeker, 20);
        var walk = Delta(pair.Kept.KeptWalk, before);
        Assert.Equal(51, walk.Walked);
        Assert.Equal(49, walk.Superseded);
        Assert.True(walk.Scored <= 1, $"{walk}");
        Assert.True(walk.Searched is >= 1 and <= 2, $"{walk}");
        Assert.Equal((1L, 1L), pair.Kept.KeptAnswers);
    }

    [Fact]
    public void TopPostsForSeeker_LogWrapsBetweenTwoEntriesOfAPost_OnlyItsOwnEntryIsSuperseded()
    {
        var data = new TestData(13);
        var seeker = Seeker(data);
        var pair = new Pair();
        for (var i = 0; i < 40; i++)
        {
            pair.Upsert(Post(data, $"p{i:00}", data.Near(Home, 8)));
        }
        var far = new GeoPoint(28.68, 115.86);
        pair.Upsert(Post(data, "far", far));
        pair.Kept.KeepPostQuery(seeker);
        pair.Ask(seeker, 20);
        // Post "a" logged at position p; 4,095 changes of a far post; then "b" at p + capacity (a's ring slot), then "a".
        var before = pair.Kept.KeptWalk;
        pair.Upsert(Post(data, "a", Home, pay: 5000m));
        for (var i = 1; i < MatchIndex.LogCapacity; i++)
        {
            pair.Upsert(Post(data, "far", far, pay: 1000m + (i % 2)));
            if (i % 1000 == 0)
            {
                pair.Ask(seeker, 20);
            }
        }
        pair.Ask(seeker, 20);
        var fillers = Delta(pair.Kept.KeptWalk, before);
        // Only "a" was read: each of the far post's entries was superseded or prefiltered (out of range; one per walk).
        Assert.Equal(MatchIndex.LogCapacity, fillers.Walked);
        Assert.Equal(5, fillers.Prefiltered);
        Assert.Equal(1, fillers.Walked - fillers.Superseded - fillers.Prefiltered);
        pair.Upsert(Post(data, "b", Home, pay: 9000m));
        pair.Upsert(Post(data, "a", data.Near(Home, 8), pay: 1500m));
        Assert.Equal("b", pair.Ask(seeker, 20)[0].Id);
    }

    [Fact]
    public void TopPostsForSeeker_IneligibleOrBelowTheBottom_PrefilteredWithoutReadingThePost()
    {
        var data = new TestData(14);
        var seeker = Seeker(data);
        var pair = new Pair();
        for (var i = 0; i < 40; i++)
        {
            pair.Upsert(Post(data, $"p{i:00}", data.Near(Home, 3), pay: 5000m));
        }
        pair.Kept.KeepPostQuery(seeker);
        pair.Ask(seeker, 20);
        var before = pair.Kept.KeptWalk;
        // In range, but: gig work (not in the seeker's availability), a public-welfare post (no key group), too high an
        // education, no openings, and a post whose best possible score (no occupation match, pay far below the expected)
        // ranks below the memo's bottom.
        pair.Upsert(Post(data, "gig", Home) with { Kind = WorkKind.Gig });
        pair.Upsert(Post(data, "welfare", Home) with { Kind = WorkKind.PublicWelfare });
        pair.Upsert(Post(data, "doctor", Home) with { MinEducation = EducationLevel.Doctor });
        pair.Upsert(Post(data, "full", Home) with { Openings = 0 });
        pair.Upsert(Post(data, "poor", Home, OccupationCode.Parse("8"), 0m) with { PayMax = 0m });
        pair.Ask(seeker, 20);
        var walk = Delta(pair.Kept.KeptWalk, before);
        Assert.Equal(new WalkCounts(5, 0, 5, walk.Searched, 0), walk);
        // The same post made eligible is read and enters.
        pair.Upsert(Post(data, "gig", Home, pay: 9000m));
        Assert.Equal("gig", pair.Ask(seeker, 20)[0].Id);
    }

    [Fact]
    public void TopPostsForSeeker_ManyBetterPostsThenFillsAndCloses_MemoKeepsItsSizeAndAnswersEqualScan()
    {
        var data = new TestData(15);
        var seeker = Seeker(data);
        var pair = new Pair();
        for (var i = 0; i < 40; i++)
        {
            pair.Upsert(Post(data, $"p{i:00}", data.Near(Home, 8)));
        }
        pair.Kept.KeepPostQuery(seeker);
        pair.Ask(seeker, 20);
        var size = 20 + MatchIndex.Reserve(20);
        Assert.Equal(size, pair.Kept.KeptMemoLargest());
        // Rounds of 10 new posts that rank before every post before them (at the seeker's home, the best score; ties by id, so
        // each round's ids sort first), then a fill (the post goes), a close (no openings left) and a correction of listed
        // posts: every answer equals the scan, and the memo never holds more than the fill asked for, so it stays as cheap to
        // search as after its first fill.
        for (var round = 0; round < 12; round++)
        {
            for (var i = 0; i < 10; i++)
            {
                pair.Upsert(Post(data, $"new{99 - round:00}-{i}", Home));
            }
            var answer = pair.Ask(seeker, 20);
            Assert.Equal(size, pair.Kept.KeptMemoLargest());
            pair.Remove(answer[0].Id);
            pair.Upsert(Post(data, answer[1].Id, Home) with { Openings = 0 });
            pair.Upsert(Post(data, answer[2].Id, data.Near(Home, 8), pay: 2000m));
            pair.Ask(seeker, 20);
            Assert.True(pair.Kept.KeptMemoLargest() <= size);
        }
        Assert.True(pair.Kept.KeptMarksExact());
        // The memo's bottom rose with the better posts: a post that would have entered the first fill's memo (1 km away, above
        // its bottom at up to 8 km) now ranks below it and is passed over from the log alone.
        var before = pair.Kept.KeptWalk;
        pair.Upsert(Post(data, "one-km", AtKm(Home, 1.0, east: true, inside: true)));
        Assert.DoesNotContain(pair.Ask(seeker, 20), r => r.Id == "one-km");
        var walk = Delta(pair.Kept.KeptWalk, before);
        Assert.Equal(new WalkCounts(1, 0, 1, walk.Searched, 0), walk);
        // Every answer came from the memo (the fills and closes never spent the reserve).
        Assert.Equal(1L, pair.Kept.KeptAnswers.Refilled);
    }

    private static WalkCounts Delta(WalkCounts after, WalkCounts before) =>
        new(after.Walked - before.Walked, after.Superseded - before.Superseded, after.Prefiltered - before.Prefiltered,
            after.Searched - before.Searched, after.Scored - before.Scored);
}
