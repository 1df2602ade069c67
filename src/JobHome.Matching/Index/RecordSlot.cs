namespace JobHome.Matching.Index;

/// <summary>Where an indexed record currently lives; mutated only under the index's write lock.</summary>
internal sealed class RecordSlot(string id, int handle)
{
    public string Id { get; } = id;

    public int Handle { get; } = handle;

    public object? Bucket { get; set; }

    public int Index { get; set; }

    /// <summary>Seekers only: every copy of the record, one per occupation group bucket.</summary>
    public SeekerLocation[]? Copies { get; set; }
}

/// <summary>One stored copy of a seeker: its bucket and slot there.</summary>
internal struct SeekerLocation
{
    public SeekerStore.SeekerBucket Bucket;
    public int Index;
}
