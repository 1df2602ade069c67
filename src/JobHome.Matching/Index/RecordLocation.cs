namespace JobHome.Matching.Index;

/// <summary>One stored copy of a record: its bucket and its slot in the bucket's current segment.</summary>
internal struct RecordLocation
{
    public object Bucket;
    public int Index;
}
