using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>
/// One side of <see cref="MatchIndex"/>: records by id with their slots, the store behind them and the top-k query
/// with explanations. Writers are serialised by the index's lock; <see cref="Count"/> and queries take none.
/// </summary>
/// <typeparam name="TFeatures">The encoded records stored.</typeparam>
/// <typeparam name="TQuery">The encoded record of the other side that queries them.</typeparam>
/// <typeparam name="TStore">The store.</typeparam>
internal sealed class RecordTable<TFeatures, TQuery, TStore> : IRecordTable<TFeatures>
    where TFeatures : struct
    where TQuery : struct
    where TStore : class, IRecordStore<TFeatures, TQuery>, new()
{
    private readonly Dictionary<string, RecordSlot> _slots = new(StringComparer.Ordinal);
    private readonly TStore _store = new();
    private int _count;

    /// <summary>Number of records, published after each change.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds or replaces the record <paramref name="id"/>; a new record takes the next handle. Returns its slot.</summary>
    public RecordSlot Upsert(string id, in TFeatures features, ref int nextHandle)
    {
        if (_slots.TryGetValue(id, out var slot))
        {
            _store.Remove(slot);
        }
        else
        {
            slot = new RecordSlot(id, nextHandle++);
            _slots.Add(id, slot);
        }
        _store.Add(in features, slot);
        Volatile.Write(ref _count, _slots.Count);
        return slot;
    }

    /// <summary>Removes a record; false when it is not stored.</summary>
    public bool Remove(string id)
    {
        if (!_slots.Remove(id, out var slot))
        {
            return false;
        }
        _store.Remove(slot);
        Volatile.Write(ref _count, _slots.Count);
        return true;
    }

    /// <summary>The stored record <paramref name="id"/>'s slot (writer side, or under the index's write lock).</summary>
    public bool TryGetSlot(string id, out RecordSlot slot) => _slots.TryGetValue(id, out slot!);

    /// <summary>The <paramref name="count"/> best records for <paramref name="query"/>, best first, ties by id, unexplained.</summary>
    /// <remarks>The candidates are this thread's shared row (<see cref="TopK.ToSortedShared"/>): read them before its next query.</remarks>
    public ReadOnlySpan<Candidate> Candidates(in TQuery query, int count, ScoringModel model, MatchOptions options)
    {
        var top = TopK.Shared(count, dedupe: true);
        _store.Query(in query, model, options, top);
        return top.ToSortedShared();
    }

    /// <summary>The <paramref name="count"/> best records for <paramref name="query"/>, best first, ties by id, explained.</summary>
    public Recommendation[] Top(in TQuery query, int count, ScoringModel model, MatchOptions options)
    {
        var top = TopK.Shared(count, dedupe: true);
        _store.Query(in query, model, options, top);
        var found = top.ToSortedShared();
        var result = new Recommendation[found.Length];
        for (var i = 0; i < found.Length; i++)
        {
            var candidate = found[i];
            if (options.TopFactors == 0)
            {
                // Nothing to explain (e.g. the linear stage before re-ranking): skip the factors and their words.
                result[i] = new Recommendation(candidate.Id, candidate.Score, []);
                continue;
            }
            var factors = TStore.Factors(candidate.Segment, candidate.Slot, in query, options);
            result[i] = Scorer.Recommend(candidate.Id, candidate.Score, factors, model, options.TopFactors);
        }
        return result;
    }

    /// <summary>
    /// <paramref name="ranked"/> (a record <see cref="Top"/> returned unexplained, still stored) with the factors
    /// <see cref="Top"/> gives it under <paramref name="options"/>: same id, score and re-ranking, factors computed from the
    /// stored features as the query computes them. Callers hold the index's write lock (a compaction moves slots).
    /// </summary>
    public Recommendation Explain(Recommendation ranked, in TQuery query, ScoringModel model, MatchOptions options)
    {
        if (options.TopFactors == 0)
        {
            return ranked;
        }
        if (!_slots.TryGetValue(ranked.Id, out var slot) || slot.Locations is not { Length: > 0 } locations)
        {
            throw new KeyNotFoundException($"record {ranked.Id} is not indexed: only a record just ranked can be explained");
        }
        var factors = TStore.FactorsAt(locations[0], in query, options);
        var explained = Scorer.Recommend(ranked.Id, ranked.Score, factors, model, options.TopFactors);
        return ranked.Reranked is null ? explained : explained with { Reranked = ranked.Reranked };
    }

    /// <summary>
    /// The factors of the stored record <paramref name="id"/> for <paramref name="query"/>, as <see cref="Explain"/> computes
    /// them. Callers hold the index's write lock (a compaction moves slots).
    /// </summary>
    public FactorVector FactorsOf(string id, in TQuery query, MatchOptions options)
    {
        if (!_slots.TryGetValue(id, out var slot) || slot.Locations is not { Length: > 0 } locations)
        {
            throw new KeyNotFoundException($"record {id} is not indexed: only a record just ranked can be explained");
        }
        return TStore.FactorsAt(locations[0], in query, options);
    }
}
