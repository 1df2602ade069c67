using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>The stored side of the index (posts or seekers) as <see cref="RecordTable{TFeatures, TQuery, TStore}"/> uses it.</summary>
/// <typeparam name="TFeatures">The encoded records stored.</typeparam>
/// <typeparam name="TQuery">The encoded record of the other side that queries them.</typeparam>
internal interface IRecordStore<TFeatures, TQuery>
    where TFeatures : struct
    where TQuery : struct
{
    /// <summary>Stores a record and records its locations in <paramref name="slot"/>.</summary>
    void Add(in TFeatures features, RecordSlot slot);

    /// <summary>Marks every copy of a record dead.</summary>
    void Remove(RecordSlot slot);

    /// <summary>Offers every eligible record for <paramref name="query"/> that can still enter <paramref name="top"/>.</summary>
    void Query(in TQuery query, ScoringModel model, MatchOptions options, TopK top);

    /// <summary>The factors of a stored record (segment and slot from a <see cref="Candidate"/>) for explanations.</summary>
    static abstract FactorVector Factors(object segment, int index, in TQuery query, MatchOptions options);

    /// <summary>The factors of the stored copy at <paramref name="location"/> (callers hold the index's write lock).</summary>
    static abstract FactorVector FactorsAt(RecordLocation location, in TQuery query, MatchOptions options);
}
