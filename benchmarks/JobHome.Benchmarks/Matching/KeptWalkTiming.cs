using System.Diagnostics;
using System.Globalization;
using JobHome.Domain.Geography;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>
/// <c>kept-walk [rounds] [posts]</c>: one kept query's walk of a log of N post changes, in one partition-sized cell (0.5° ×
/// 0.5°, posts and seekers at 40 site points as the load's records are). For each N: a seeker's memo is brought up to date,
/// N changes follow (new posts 40 %, fills 30 % — the post goes —, corrections 20 %, a post back 10 %; a third of them on a
/// hot set of 40 posts, so some posts change more than once), then the seeker's top 50 (unexplained) is asked of the kept
/// index and of a plain one given the same changes, in alternating order, and compared. Prints µs and bytes per answer and,
/// per answer, the log entries walked, passed over as superseded or by the prefilter, read, memo searches and posts scored.
/// </summary>
public static class KeptWalkTiming
{
    private const double South = 25.5;
    private const double West = 114.5;
    private const double Cell = 0.5;

    /// <summary>Runs when <paramref name="args"/> start with <c>kept-walk</c>.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 1 || args[0] != "kept-walk")
        {
            return false;
        }
        var inv = CultureInfo.InvariantCulture;
        var rounds = args.Length > 1 ? int.Parse(args[1], inv) : 400;
        var postCount = args.Length > 2 ? int.Parse(args[2], inv) : 3_000;
        var options = new MatchOptions(MatchingData.AsOf, TopFactors: 0);
        var random = new Random(17);
        var sites = Enumerable.Range(0, 40)
            .Select(_ => new GeoPoint(South + (random.NextDouble() * Cell), West + (random.NextDouble() * Cell))).ToArray();
        var data = new MatchingData(4);
        MatchPost At(MatchPost post) => post with { Location = sites[random.Next(sites.Length)] };
        var posts = data.Posts(postCount).Select(At).ToList();
        var seekers = new MatchingData(5).Seekers(64).Select(s => s with { Location = sites[random.Next(sites.Length)] }).ToArray();
        var plain = new MatchIndex();
        var kept = new MatchIndex();
        plain.UpsertPosts(posts);
        kept.UpsertPosts(posts);
        foreach (var seeker in seekers)
        {
            kept.KeepPostQuery(seeker);
            kept.TopPostsForSeeker(seeker, 50, options);
        }
        var live = posts.Select(p => p.Id).ToList();
        var position = live.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var gone = new List<MatchPost>();
        var byId = posts.ToDictionary(p => p.Id);
        var next = postCount;
        Console.WriteLine("changes per answer | rounds | plain µs | kept µs | plain B | kept B | walked | superseded | prefiltered | read | memo searches | scored | refills");
        foreach (var changes in new[] { 25, 100, 400, 1_600 })
        {
            var ticks = new long[2];
            var bytes = new long[2];
            long refills = 0;
            long timedWalked = 0, timedSuperseded = 0, timedPrefiltered = 0, timedSearches = 0, timedScored = 0;
            for (var round = 0; round < rounds; round++)
            {
                var seeker = seekers[round % seekers.Length];
                kept.TopPostsForSeeker(seeker, 50, options);
                var (w, s, p, m, c) = (IndexCounters.MemoChangesWalked, IndexCounters.MemoChangesSuperseded,
                    IndexCounters.MemoChangesPrefiltered, IndexCounters.MemoSearches, IndexCounters.MemoPostsScored);
                for (var change = 0; change < changes; change++)
                {
                    Change();
                }
                IReadOnlyList<Recommendation>? a = null;
                IReadOnlyList<Recommendation>? b = null;
                for (var turn = 0; turn < 2; turn++)
                {
                    var useKept = (turn == 0) == (round % 2 == 0);
                    var which = useKept ? 1 : 0;
                    var refilled = IndexCounters.MemoRefills;
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    var start = Stopwatch.GetTimestamp();
                    var answer = (useKept ? kept : plain).TopPostsForSeeker(seeker, 50, options);
                    ticks[which] += Stopwatch.GetTimestamp() - start;
                    bytes[which] += GC.GetAllocatedBytesForCurrentThread() - allocated;
                    refills += IndexCounters.MemoRefills - refilled;
                    (a, b) = useKept ? (a, answer) : (answer, b);
                }
                timedWalked += IndexCounters.MemoChangesWalked - w;
                timedSuperseded += IndexCounters.MemoChangesSuperseded - s;
                timedPrefiltered += IndexCounters.MemoChangesPrefiltered - p;
                timedSearches += IndexCounters.MemoSearches - m;
                timedScored += IndexCounters.MemoPostsScored - c;
                if (!a!.Select(static r => (r.Id, r.Score)).SequenceEqual(b!.Select(static r => (r.Id, r.Score))))
                {
                    throw new InvalidOperationException($"{changes} changes, round {round}: the kept answer differs from the scan");
                }
            }
            var us = 1e6 / Stopwatch.Frequency / rounds;
            double Per(long n) => n / (double)rounds;
            Console.WriteLine(string.Create(inv,
                $"{changes:N0} | {rounds:N0} | {ticks[0] * us:0.0} | {ticks[1] * us:0.0} | {bytes[0] / rounds:N0} | {bytes[1] / rounds:N0} | {Per(timedWalked):0.0} | {Per(timedSuperseded):0.0} | {Per(timedPrefiltered):0.0} | {Per(timedWalked - timedSuperseded - timedPrefiltered):0.0} | {Per(timedSearches):0.0} | {Per(timedScored):0.0} | {refills:N0}"));
        }
        return true;

        void Change()
        {
            var roll = random.Next(10);
            var hot = random.Next(3) == 0 && live.Count > 40;
            string Pick() => live[hot ? random.Next(40) : random.Next(live.Count)];
            if (roll < 4 || live.Count < 100)
            {
                Upsert(At(data.Post(next++)));
            }
            else if (roll < 7)
            {
                var id = Pick();
                var at = position[id];
                live[at] = live[^1];
                position[live[at]] = at;
                live.RemoveAt(live.Count - 1);
                position.Remove(id);
                gone.Add(byId[id]);
                plain.RemovePost(id);
                kept.RemovePost(id);
            }
            else if (roll < 9 || gone.Count == 0)
            {
                var old = byId[Pick()];
                Upsert(old with { PayMin = old.PayMin + 250m, PayMax = old.PayMax + 250m });
            }
            else
            {
                var back = gone[^1];
                gone.RemoveAt(gone.Count - 1);
                Upsert(back);
            }
        }

        void Upsert(MatchPost post)
        {
            if (position.TryAdd(post.Id, live.Count))
            {
                live.Add(post.Id);
            }
            byId[post.Id] = post;
            plain.UpsertPost(post);
            kept.UpsertPost(post);
        }
    }
}
