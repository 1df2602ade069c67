using JobHome.Domain.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.Records;
using Orleans.Concurrency;

namespace JobHome.Grains.Indicators;

/// <summary>
/// A recount's reader: each record's report is computed from its stored state exactly as its grain's
/// <see cref="IIndicatorSourceGrain.GetIndicatorSourceAsync"/> computes it from the same state. A record whose stored
/// outbox holds a version not yet published (a change cut off by a crash), or a seeker with a household report pending,
/// is asked through its grain instead: the activation publishes what is pending, so the recount still pushes out a
/// crash's leftovers. On stores other than the embedded one a record changed through its grain marks its outbox
/// published only in memory (the mark is written by its next write; on the embedded store the write that carries the
/// events stores it as published), so its stored outbox looks unpublished too: when the caller passes the versions the site's
/// aggregator holds and the aggregator already holds the stored version, the change did arrive and the record is reported
/// from its state, not activated. Bulk-loaded records are never activated.
/// Reentrant: a batch waiting on storage or on asked grains lets the next one in, so the recount's concurrent batches
/// never queue past the response timeout (the grain holds no mutable state but a lazily made reader).
/// A record with no stored state (listed before a write that never happened) contributes nothing, as its grain would say.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class RecountReaderGrain(IServiceProvider services) : Grain, IRecountReaderGrain
{
    private const int AskParallelism = 32;

    private RecordStateReader? _reader;

    /// <inheritdoc />
    public Task<IndicatorSourceReport[]> ReadAsync(string[] sourceIds)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        return ReadCoreAsync(sourceIds, static (_, _) => false);
    }

    /// <inheritdoc />
    public Task<IndicatorSourceReport[]> ReadAsync(string siteCode, string[] sourceIds, long[] heldVersions)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        ArgumentNullException.ThrowIfNull(sourceIds);
        ArgumentNullException.ThrowIfNull(heldVersions);
        if (heldVersions.Length != sourceIds.Length)
        {
            throw new ArgumentException("One held version per source id.", nameof(heldVersions));
        }
        // Held at the same site at the stored version (or newer, which the stored state cannot be behind): published.
        return ReadCoreAsync(sourceIds, (index, stored) =>
            string.Equals(stored.SiteCode, siteCode, StringComparison.Ordinal) && heldVersions[index] >= stored.Version);
    }

    private async Task<IndicatorSourceReport[]> ReadCoreAsync(string[] sourceIds, Func<int, IndicatorSourceReport, bool> held)
    {
        _reader ??= RecordStateReader.Create(services, GrainFactory);
        var reports = new IndicatorSourceReport?[sourceIds.Length];
        var byKind = sourceIds.Select((id, index) => (Index: index, Kind: Kind(id), Key: Key(id)))
            .GroupBy(x => x.Kind, StringComparer.Ordinal);
        foreach (var group in byKind)
        {
            var items = group.ToArray();
            var keys = items.Select(x => x.Key).ToArray();
            switch (group.Key)
            {
                case IndicatorSources.Seeker:
                    var seekers = await _reader.SeekersAsync(keys, CancellationToken.None);
                    Fill(reports, items, seekers, static s => s.HouseholdReportPending, static s => s.Indicators.Pending, held,
                        SeekerRecordRules.Report);
                    break;
                case IndicatorSources.Household:
                    var households = await _reader.HouseholdsAsync(keys, CancellationToken.None);
                    Fill(reports, items, households, static _ => false, static h => h.Indicators.Pending, held,
                        HouseholdRecordRules.Report);
                    break;
                case IndicatorSources.Post:
                    var posts = await _reader.PostsAsync(keys, CancellationToken.None);
                    Fill(reports, items, posts, static _ => false, static p => p.Indicators.Pending, held, PostRecordRules.Report);
                    break;
                default:
                    throw new ArgumentException($"Unknown indicator source kind in '{sourceIds[items[0].Index]}'.", nameof(sourceIds));
            }
        }
        var ask = Enumerable.Range(0, sourceIds.Length).Where(i => reports[i] is null).ToArray();
        var asked = await GrainBatches.SelectAsync(ask, i => IndicatorSources.Grain(GrainFactory, sourceIds[i]).GetIndicatorSourceAsync(),
            AskParallelism, CancellationToken.None);
        for (var i = 0; i < ask.Length; i++)
        {
            reports[ask[i]] = asked[i];
        }
        return [.. reports.Select(static r => r!)];
    }

    // Stored and settled: the report from the state. Left null (asked through the grain): other work pending in the record,
    // or an unpublished outbox whose version the site's aggregator does not hold.
    private static void Fill<T>(IndicatorSourceReport?[] reports, (int Index, string Kind, string Key)[] items, T?[] states,
        Func<T, bool> mustAsk, Func<T, bool> outboxPending, Func<int, IndicatorSourceReport, bool> held,
        Func<T, IndicatorSourceReport> report)
        where T : class
    {
        for (var i = 0; i < items.Length; i++)
        {
            var index = items[i].Index;
            if (states[i] is not { } state)
            {
                reports[index] = new IndicatorSourceReport(null, 0, default);
                continue;
            }
            var stored = report(state);
            reports[index] = mustAsk(state) || (outboxPending(state) && !held(index, stored)) ? null : stored;
        }
    }

    private static string Kind(string sourceId)
    {
        var slash = sourceId.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : sourceId[..slash];
    }

    private static string Key(string sourceId)
    {
        var slash = sourceId.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? sourceId : sourceId[(slash + 1)..];
    }
}
