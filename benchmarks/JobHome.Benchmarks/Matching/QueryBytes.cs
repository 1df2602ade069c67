using System.Globalization;
using JobHome.Benchmarks.Orleans;
using JobHome.Grains.Matching;
using JobHome.Matching.Congestion;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>
/// <c>query-bytes</c>: exact bytes allocated (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) per query of the pieces a
/// match partition's post-list recompute runs, on indexes of 2,000 to 32,000 posts (so 16 times the scored pairs per
/// query): the aware candidates (top 50, unexplained), a plain explained top 20, explaining 20 ranked posts, ordering 50
/// candidates into an aware list of 20, and the aware part of 20 as a partition's first recompute builds it (order, the kept
/// explained, items with the congestion reason in front: <see cref="QueryBytesParts"/>). Beside them: the bytes of reading
/// every word of such a part once (what a person's read costs), and the Orleans-serialized size of a
/// <c>PostListPush</c> carrying it (all items explained, and all reused: the congestion reason only). Bytes per query that
/// stay flat as the posts grow mean the scan allocates nothing per scored pair. Since 1 Dec 2026 also the partition's aware path:
/// the top 50 as ids and scores (<see cref="MatchIndex.RankPostsForSeeker"/>) and 20 explained as factor values made into views.
/// </summary>
public static class QueryBytes
{
    /// <summary>Runs when <paramref name="args"/> start with <c>query-bytes</c>.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 1 || args[0] != "query-bytes")
        {
            return false;
        }
        var inv = CultureInfo.InvariantCulture;
        var seekers = new MatchingData(3).Seekers(512).ToArray();
        var options = new MatchOptions(MatchingData.AsOf);
        var unexplained = options with { TopFactors = 0 };
        var settings = new CongestionSettings();
        var push = BenchmarkFile.SerializerFor<PostListPush>();
        Console.WriteLine("posts | candidates per query | top 50 unexplained | top 50 as values | top 20 explained | explain 20 | "
            + "explain 20 as values | aware order | aware part | read its words | push bytes, explained | push bytes, reused");
        var values = new List<ScoredRecord>();
        var ids = new string[20];
        var vectors = new FactorVector[20];
        foreach (var posts in new[] { 2_000, 8_000, 32_000 })
        {
            var all = new MatchingData(2).Posts(posts).ToArray();
            var index = new MatchIndex();
            index.UpsertPosts(all);
            var prices = CongestionMarket.Build(index, seekers, all.ToDictionary(static p => p.Id, static p => p.Openings, StringComparer.Ordinal),
                options, 10, settings).Prices;
            var candidates = seekers.Select(s => index.TopPostsForSeeker(s, settings.CandidateDepth, unexplained)).ToArray();
            var ranked = seekers.Select(s => index.TopPostsForSeeker(s, 20, unexplained)).ToArray();
            var found = candidates.Average(static c => c.Count);
            var top50 = PerQuery(seekers.Length, i => index.TopPostsForSeeker(seekers[i], settings.CandidateDepth, unexplained).Count);
            // The partition's aware path since 1 Dec 2026: candidates as ids and scores into a reused list, and the kept items'
            // factor views made from their values (MatchFactorView.Of shares views of equal numbers: after the warm-up pass the
            // measured pass finds most of them).
            var top50Values = PerQuery(seekers.Length, i =>
            {
                index.RankPostsForSeeker(seekers[i], settings.CandidateDepth, unexplained, null, values);
                return values.Count;
            });
            var explainValues = PerQuery(seekers.Length, i => ExplainValues(index, seekers[i], ranked[i], options, ids, vectors));
            var top20 = PerQuery(seekers.Length, i => index.TopPostsForSeeker(seekers[i], 20, options).Count);
            var explain = PerQuery(seekers.Length, i => index.ExplainPosts(seekers[i], ranked[i], options).Length);
            var order = PerQuery(seekers.Length, i => candidates[i].Count == 0
                ? 0
                : PostLists.Order(candidates[i], PostListKind.Aware, prices, 20, settings).Count);
            var part = PerQuery(seekers.Length, i => candidates[i].Count == 0
                ? 0
                : QueryBytesParts.Aware(index, seekers[i], candidates[i], prices, settings, options).Length);
            var parts = seekers.Select((s, i) => candidates[i].Count == 0
                ? []
                : QueryBytesParts.Aware(index, s, candidates[i], prices, settings, options)).ToArray();
            var read = PerQuery(seekers.Length, i => Words(parts[i]));
            var full = parts.Average(p => (double)push.SerializeToArray(Push(p, reused: false)).Length);
            var leading = parts.Average(p => (double)push.SerializeToArray(Push(p, reused: true)).Length);
            Console.WriteLine(string.Create(inv,
                $"{posts:N0} | {found:0.0} | {top50:N0} B | {top50Values:N0} B | {top20:N0} B | {explain:N0} B | {explainValues:N0} B | {order:N0} B | {part:N0} B | {read:N0} B | {full:N0} B | {leading:N0} B"));
        }
        return true;
    }

    // The factor views of ranked (at most 20), as RankingItems.Aware makes them: values, then views from the numbers.
    private static int ExplainValues(MatchIndex index, MatchSeeker seeker, IReadOnlyList<Recommendation> ranked, MatchOptions options,
        string[] ids, FactorVector[] vectors)
    {
        var n = Math.Min(ranked.Count, ids.Length);
        for (var i = 0; i < n; i++)
        {
            ids[i] = ranked[i].Id;
        }
        index.ExplainPostFactors(seeker, ids.AsSpan(0, n), options, vectors);
        Span<int> order = stackalloc int[FactorVector.Count];
        Span<double> contributions = stackalloc double[FactorVector.Count];
        var made = 0;
        for (var i = 0; i < n; i++)
        {
            Scorer.Order(in vectors[i], index.Model, order, contributions);
            var factors = new MatchFactorView[options.TopFactors];
            for (var k = 0; k < factors.Length; k++)
            {
                var factor = (Factor)order[k];
                factors[k] = MatchFactorView.Of(factor, vectors[i][factor], contributions[order[k]], index.Model.Weight(factor));
            }
            made += factors.Length;
        }
        return made;
    }

    // Every word of a part, read once (as the HTTP answer does).
    private static int Words(MatchItem[] items)
    {
        var chars = 0;
        foreach (var item in items)
        {
            foreach (var factor in item.Factors)
            {
                chars += factor.Chinese.Length + factor.English.Length;
            }
        }
        return chars;
    }

    // A push of the part as a partition sends it: every item explained, or every item reused (its leading factor only).
    private static PostListPush Push(MatchItem[] items, bool reused)
    {
        var sent = reused ? [.. items.Select(static i => i with { Factors = i.Factors.Length > 0 ? [i.Factors[0]] : [] })] : items;
        var part = new PartitionMatches(638_000_000_000_000_000, sent, 0.41, reused ? [.. items.Select(static _ => true)] : null,
            638_000_000_000_000_123);
        return new PostListPush("1234:56", Guid.NewGuid(), MatchingData.AsOf, part, new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.Zero));
    }

    // Bytes per call of query(i) over i = 0 … n − 1, after one warm-up pass (JIT, lazily built tables).
    private static long PerQuery(int n, Func<int, int> query)
    {
        var sink = 0;
        for (var i = 0; i < n; i++)
        {
            sink += query(i);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++)
        {
            sink += query(i);
        }
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(sink);
        return bytes / n;
    }
}
