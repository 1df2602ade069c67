using JobHome.Domain.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.Records;
using Orleans.Concurrency;

namespace JobHome.Grains.Indicators;

/// <summary>
/// A recount's reader: each record's report is computed from its stored state exactly as its grain's
/// <see cref="IIndicatorSourceGrain.GetIndicatorSourceAsync"/> computes it from the same state. A record whose stored
/// outbox holds a version not yet published (a change cut off by a crash, or only marked published in memory since), or a
/// seeker with a household report pending, is asked through its grain instead: the activation publishes what is pending,
/// so the recount still pushes out a crash's leftovers. Bulk-loaded records are never activated; a record changed through
/// its grain is, once per recount, because its stored outbox is marked published only by its next write.
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
    public async Task<IndicatorSourceReport[]> ReadAsync(string[] sourceIds)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
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
                    Fill(reports, items, seekers, static s => s.Indicators.Pending || s.HouseholdReportPending, SeekerRecordRules.Report);
                    break;
                case IndicatorSources.Household:
                    var households = await _reader.HouseholdsAsync(keys, CancellationToken.None);
                    Fill(reports, items, households, static h => h.Indicators.Pending, HouseholdRecordRules.Report);
                    break;
                case IndicatorSources.Post:
                    var posts = await _reader.PostsAsync(keys, CancellationToken.None);
                    Fill(reports, items, posts, static p => p.Indicators.Pending, PostRecordRules.Report);
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

    // Stored and settled: the report from the state; pending: left null, to be asked through the grain.
    private static void Fill<T>(IndicatorSourceReport?[] reports, (int Index, string Kind, string Key)[] items, T?[] states,
        Func<T, bool> pending, Func<T, IndicatorSourceReport> report)
        where T : class
    {
        for (var i = 0; i < items.Length; i++)
        {
            reports[items[i].Index] = states[i] switch
            {
                null => new IndicatorSourceReport(null, 0, default),
                var s when pending(s) => null,
                var s => report(s),
            };
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
