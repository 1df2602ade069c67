namespace JobHome.Matching.Index;

/// <summary>The writer side of a <see cref="RecordTable{TFeatures, TQuery, TStore}"/>; callers hold the index's write lock.</summary>
/// <typeparam name="TFeatures">The encoded records stored.</typeparam>
internal interface IRecordTable<TFeatures>
    where TFeatures : struct
{
    /// <summary>Adds or replaces the record <paramref name="id"/>; a new record takes the next handle. Returns its slot.</summary>
    RecordSlot Upsert(string id, in TFeatures features, ref int nextHandle);

    /// <summary>Removes a record; false when it is not stored.</summary>
    bool Remove(string id);
}
