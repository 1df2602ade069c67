namespace JobHome.Matching.Index;

/// <summary>One region cell: its buckets (published copy-on-write) and a writer-side lookup by occupation group.</summary>
internal sealed class StoreCell<TSegment>
    where TSegment : class
{
    public StoreBucket<TSegment>[] Buckets = [];
    public readonly Dictionary<int, StoreBucket<TSegment>> ByGroup = [];
}
