namespace JobHome.Matching.Index;

/// <summary>Where an indexed record currently lives; mutated only under the index's write lock.</summary>
internal sealed class RecordSlot(string id, int handle)
{
    public string Id { get; } = id;

    public int Handle { get; } = handle;

    public object? Bucket { get; set; }

    public int Index { get; set; }
}
