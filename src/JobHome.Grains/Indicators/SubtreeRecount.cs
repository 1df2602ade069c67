using System.Diagnostics;
using System.Globalization;
using JobHome.Domain.Indicators;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Sites;

namespace JobHome.Grains.Indicators;

/// <summary>
/// The operators' recount of a subtree: every site's own records (its index in <see cref="ISiteDirectoryGrain"/> plus every
/// record its aggregator holds an entry for) are asked for their contribution now; a record counts at the site it says
/// it is at. Each site's recounted subtree (own + children's) is compared with that site's live aggregate. With
/// <c>repair</c>, each aggregator first corrects its entries from the records (<see cref="ISiteIndicatorsGrain.RecountAsync"/>)
/// and the totals are reported upward level by level, deepest first, before the comparison.
/// Records are read from storage in batches (<see cref="IRecountReaderGrain"/>), not activated one by one; a record whose
/// stored outbox still holds a version the site's aggregator does not (<see cref="IRecountSourcesGrain"/>) is asked through
/// its grain, whose activation publishes it, so a recount also pushes out changes a crash left unpublished; the live side
/// catches up within a flush period per tier. A
/// subtree under change can differ for that long: repeat the recount. Progress goes to an optional
/// <see cref="IProgress{T}"/> after every site.
/// </summary>
/// <param name="grains">The cluster.</param>
/// <param name="readBatch">Record ids per reader call (<see cref="DefaultReadBatch"/>).</param>
/// <param name="readersInFlight">Reader calls in flight for the whole recount (<see cref="DefaultReadersInFlight"/>).</param>
public sealed class SubtreeRecount(IGrainFactory grains, int readBatch = SubtreeRecount.DefaultReadBatch,
    int readersInFlight = SubtreeRecount.DefaultReadersInFlight)
{
    /// <summary>
    /// Record ids per reader call. A call lasts its share of every read in flight, not just its own: on a store read row by
    /// row (PostgreSQL, 16 at a time per call) eight calls of 500 for two villages of 1,500 records each waited for nearly
    /// all 3,000 reads, and on a loaded 2-core machine one passed Orleans' 30-s response timeout. With calls of 100 and
    /// <see cref="DefaultReadersInFlight"/> of them, a call shares the store with at most 400 records' reads, however large
    /// the subtree. On the embedded store a call is one batched statement either way.
    /// </summary>
    public const int DefaultReadBatch = 100;

    /// <summary>
    /// Reader calls in flight for the whole recount, across all the sites of a level (not per site): 4 × 16 row reads stay
    /// below a PostgreSQL pool of 100 beside a partition rebuild's reads and the streams' connections.
    /// </summary>
    public const int DefaultReadersInFlight = 4;

    private const int Parallelism = 64;

    /// <summary>Sites of one level counted at once.</summary>
    private const int SiteParallelism = 4;

    private readonly int _readBatch = readBatch > 0
        ? readBatch
        : throw new ArgumentOutOfRangeException(nameof(readBatch), readBatch, "at least one record per reader call");

    private readonly int _readersInFlight = readersInFlight > 0
        ? readersInFlight
        : throw new ArgumentOutOfRangeException(nameof(readersInFlight), readersInFlight, "at least one reader call in flight");

    /// <summary>Recounts the subtree of <paramref name="siteCode"/>; null when the site is unknown.</summary>
    public async Task<SubtreeRecountReport?> RunAsync(string siteCode, bool repair, CancellationToken cancellationToken = default,
        IProgress<RecountProgress>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        var started = Stopwatch.GetTimestamp();
        var levels = await LevelsAsync(siteCode, cancellationToken);
        if (levels is null)
        {
            return null;
        }
        var sites = levels.Sum(level => level.Count);
        long corrected = 0;
        var done = 0;
        if (repair)
        {
            foreach (var level in levels.AsEnumerable().Reverse())
            {
                var codes = level.Select(entry => entry.Code).ToArray();
                var results = await ForEachAsync(codes, code => grains.GetGrain<ISiteIndicatorsGrain>(code).RecountAsync(),
                    cancellationToken);
                corrected += results.Sum(r => r.Corrected);
                await ForEachAsync(codes, async code =>
                {
                    await grains.GetGrain<ISiteIndicatorsGrain>(code).ReportNowAsync();
                    return true;
                }, cancellationToken);
                done += codes.Length;
                progress?.Report(new RecountProgress("repair", sites, done, 0, ElapsedMs(started)));
            }
        }

        var recounted = new Dictionary<string, IndicatorCounts>(StringComparer.Ordinal);
        var differences = new List<RecountDifference>();
        long records = 0;
        done = 0;
        IndicatorCounts? rootLive = null;
        using var readers = new SemaphoreSlim(_readersInFlight, _readersInFlight);
        foreach (var level in levels.AsEnumerable().Reverse())
        {
            // Sites of one level are independent: their children (one level deeper) are all recounted already.
            var owns = await GrainBatches.SelectAsync(level, async entry =>
            {
                var result = await RecountOwnAsync(entry.Code, readers, cancellationToken);
                var total = Interlocked.Add(ref records, result.Asked);
                progress?.Report(new RecountProgress("count", sites, Interlocked.Increment(ref done), total, ElapsedMs(started)));
                return result.Own;
            }, SiteParallelism, cancellationToken);
            for (var i = 0; i < level.Count; i++)
            {
                var (code, kids) = level[i];
                var own = owns[i];
                foreach (var kid in kids)
                {
                    own.Add(recounted[kid]);
                }
                recounted[code] = own;
                var live = await grains.GetGrain<ISiteIndicatorsGrain>(code).GetCountsAsync();
                differences.AddRange(Compare(code, live, own));
                if (string.Equals(code, siteCode, StringComparison.Ordinal))
                {
                    rootLive = live;
                }
            }
        }
        return new SubtreeRecountReport(siteCode, differences.Count == 0, rootLive!, recounted[siteCode], sites, records,
            corrected, differences);
    }

    /// <summary>The differences between a live aggregate and its recount, by indicator.</summary>
    public static IEnumerable<RecountDifference> Compare(string siteCode, IndicatorCounts live, IndicatorCounts recounted)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(recounted);
        if (live.Equals(recounted))
        {
            yield break;
        }
        (string Name, long Live, long Recounted)[] plain =
        [
            ("employed", live.Employed, recounted.Employed),
            ("unemployed", live.UnemployedBySince.Values.Sum(), recounted.UnemployedBySince.Values.Sum()),
            ("zeroEmploymentHouseholds", live.ZeroEmploymentBySince.Values.Sum(), recounted.ZeroEmploymentBySince.Values.Sum()),
            ("openPosts", live.OpenPosts, recounted.OpenPosts),
            ("openings", live.Openings, recounted.Openings),
            ("placements", live.Placements, recounted.Placements),
        ];
        foreach (var (name, a, b) in plain.Where(p => p.Live != p.Recounted))
        {
            yield return new RecountDifference(siteCode, name, a, b);
        }
        foreach (var difference in CompareByDate(siteCode, "unemployedSince", live.UnemployedBySince, recounted.UnemployedBySince))
        {
            yield return difference;
        }
        foreach (var difference in CompareByDate(siteCode, "zeroEmploymentSince", live.ZeroEmploymentBySince,
            recounted.ZeroEmploymentBySince))
        {
            yield return difference;
        }
    }

    private static IEnumerable<RecountDifference> CompareByDate(string siteCode, string name,
        IReadOnlyDictionary<DateOnly, long> live, IReadOnlyDictionary<DateOnly, long> recounted)
    {
        foreach (var date in live.Keys.Union(recounted.Keys).Order())
        {
            var a = live.GetValueOrDefault(date);
            var b = recounted.GetValueOrDefault(date);
            if (a != b)
            {
                yield return new RecountDifference(siteCode,
                    name + ":" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a, b);
            }
        }
    }

    private async Task<(IndicatorCounts Own, long Asked)> RecountOwnAsync(string code, SemaphoreSlim readers,
        CancellationToken cancellationToken)
    {
        var indexed = await grains.GetGrain<ISiteDirectoryGrain>(code).GetSourceIdsAsync();
        var held = await grains.GetGrain<IRecountSourcesGrain>(code).GetHeldVersionsAsync();
        var versions = new Dictionary<string, long>(held.Ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < held.Ids.Length; i++)
        {
            versions[held.Ids[i]] = held.Versions[i];
        }
        var ids = indexed.Union(held.Ids, StringComparer.Ordinal).ToArray();
        var reader = grains.GetGrain<IRecountReaderGrain>(0);
        // Every call takes one of the recount's slots first, so the calls in flight (and the reads any one call shares the
        // store with) stay bounded whatever the number of sites; a slot goes to the next call as soon as one answers.
        var reports = await Task.WhenAll(ids.Chunk(_readBatch).Select(async batch =>
        {
            await readers.WaitAsync(cancellationToken);
            try
            {
                return await reader.ReadAsync(code, batch, [.. batch.Select(id => versions.GetValueOrDefault(id, -1))]);
            }
            finally
            {
                readers.Release();
            }
        }));
        var own = new IndicatorCounts();
        foreach (var report in reports.SelectMany(r => r).Where(r => string.Equals(r.SiteCode, code, StringComparison.Ordinal)))
        {
            own.Apply(report.Contribution);
        }
        return (own, ids.Length);
    }

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>The subtree by depth: level 0 is the root; each entry is a site with its children.</summary>
    private async Task<List<List<(string Code, string[] Children)>>?> LevelsAsync(string root, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<ISiteGrain>(root).GetAsync() is not { } rootView)
        {
            return null;
        }
        var levels = new List<List<(string, string[])>> { new() { (root, rootView.Children) } };
        var frontier = rootView.Children;
        while (frontier.Length > 0)
        {
            var views = await ForEachAsync(frontier, code => grains.GetGrain<ISiteGrain>(code).GetAsync(), cancellationToken);
            var level = frontier.Zip(views, (code, view) => (code, view?.Children ?? [])).ToList();
            levels.Add(level);
            frontier = [.. level.SelectMany(entry => entry.Item2)];
        }
        return levels;
    }

    private static Task<TResult[]> ForEachAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> call,
        CancellationToken cancellationToken) => GrainBatches.SelectAsync(items, call, Parallelism, cancellationToken);
}
