namespace JobHome.Matching.Index;

/// <summary>An indexed record's identity and where its copies live; mutated only under the index's write lock.</summary>
internal sealed class RecordSlot(string id, int handle)
{
    public string Id { get; } = id;

    public int Handle { get; } = handle;

    /// <summary>Every stored copy: one for a post, one per intention group for a seeker; null while not stored.</summary>
    public RecordLocation[]? Locations { get; set; }

    /// <summary>
    /// A post's latest position in its index's change log (<c>MatchIndex.PostQueries.cs</c>), −1 when never logged: a new entry
    /// marks the one before as superseded.
    /// </summary>
    public long LastLogged { get; set; } = -1;
}
