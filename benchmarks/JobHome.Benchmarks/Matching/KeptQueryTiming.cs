using System.Diagnostics;
using System.Globalization;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>
/// <c>kept-queries [rounds] [seekers]</c>: a partition's recomputes with and without kept queries (<see cref="MatchIndex.KeepPostQuery"/>),
/// on two indexes that receive the same changes. Each round makes one change — a close of a post among a seeker's top 50
/// (half the rounds), a new post (a quarter), a correction of a random post (a quarter) — then recomputes that seeker's
/// aware candidates (top 50, unexplained) on both indexes, in alternating order; the answers must be equal. Prints the
/// time and bytes per recompute of each, and how the kept index answered (memo answers, refills, changes walked).
/// </summary>
public static class KeptQueryTiming
{
    /// <summary>Runs when <paramref name="args"/> start with <c>kept-queries</c>.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 1 || args[0] != "kept-queries")
        {
            return false;
        }
        var inv = CultureInfo.InvariantCulture;
        var rounds = args.Length > 1 ? int.Parse(args[1], inv) : 20_000;
        // The seekers recomputed in turn: about as many changes reach each recompute (a partition's holders see 20–50).
        var seekerCount = args.Length > 2 ? int.Parse(args[2], inv) : 32;
        var options = new MatchOptions(MatchingData.AsOf, TopFactors: 0);
        Console.WriteLine("posts | seekers | rounds | plain µs/recompute | kept µs/recompute | plain B | kept B | memo answers | refills | changes walked per answer");
        foreach (var postCount in new[] { 2_000, 8_000 })
        {
            var data = new MatchingData(2);
            var posts = data.Posts(postCount).ToList();
            var seekers = new MatchingData(3).Seekers(seekerCount).ToArray();
            var plain = new MatchIndex();
            var kept = new MatchIndex();
            plain.UpsertPosts(posts);
            kept.UpsertPosts(posts);
            foreach (var seeker in seekers)
            {
                kept.KeepPostQuery(seeker);
                kept.TopPostsForSeeker(seeker, 50, options);
            }
            var random = new Random(5);
            var next = postCount;
            var ticks = new long[2];
            var bytes = new long[2];
            var before = IndexCounters.MemoAnswers;
            var refills = IndexCounters.MemoRefills;
            var walked = IndexCounters.MemoChangesWalked;
            for (var round = 0; round < rounds; round++)
            {
                var seeker = seekers[round % seekers.Length];
                var roll = random.Next(4);
                if (roll < 2)
                {
                    var top = plain.TopPostsForSeeker(seeker, 50, options);
                    if (top.Count > 0)
                    {
                        var id = top[random.Next(Math.Min(20, top.Count))].Id;
                        plain.RemovePost(id);
                        kept.RemovePost(id);
                    }
                }
                else
                {
                    var post = data.Post(roll == 2 ? next++ : random.Next(next));
                    plain.UpsertPost(post);
                    kept.UpsertPost(post);
                }
                IReadOnlyList<Recommendation>? a = null;
                IReadOnlyList<Recommendation>? b = null;
                for (var turn = 0; turn < 2; turn++)
                {
                    var useKept = (turn == 0) == (round % 2 == 0);
                    var which = useKept ? 1 : 0;
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    var start = Stopwatch.GetTimestamp();
                    var answer = (useKept ? kept : plain).TopPostsForSeeker(seeker, 50, options);
                    ticks[which] += Stopwatch.GetTimestamp() - start;
                    bytes[which] += GC.GetAllocatedBytesForCurrentThread() - allocated;
                    if (useKept)
                    {
                        b = answer;
                    }
                    else
                    {
                        a = answer;
                    }
                }
                if (!a!.Select(static r => (r.Id, r.Score)).SequenceEqual(b!.Select(static r => (r.Id, r.Score))))
                {
                    throw new InvalidOperationException($"round {round}: the kept answer differs from the scan");
                }
            }
            var answers = IndexCounters.MemoAnswers - before;
            var us = 1e6 / Stopwatch.Frequency / rounds;
            Console.WriteLine(string.Create(inv,
                $"{postCount:N0} | {seekers.Length} | {rounds:N0} | {ticks[0] * us:0.0} | {ticks[1] * us:0.0} | {bytes[0] / rounds:N0} | {bytes[1] / rounds:N0} | {answers:N0} | {IndexCounters.MemoRefills - refills:N0} | {(IndexCounters.MemoChangesWalked - walked) / (double)Math.Max(1, answers):0.0}"));
        }
        return true;
    }
}
