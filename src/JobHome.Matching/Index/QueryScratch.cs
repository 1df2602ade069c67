namespace JobHome.Matching.Index;

/// <summary>Per-thread reusable lists for a query's cells and buckets, so a query allocates only its heap and results.</summary>
internal sealed class QueryScratch<TBucket>
{
    [ThreadStatic]
    private static QueryScratch<TBucket>? _current;

    public readonly List<(int Key, double MinKm)> Cells = [];
    public readonly List<(double Bound, double DistBound, TBucket Bucket)> Near = [];
    public readonly List<(double Bound, double DistBound, TBucket Bucket)> Far = [];

    /// <summary>The calling thread's scratch, cleared (queries do not nest).</summary>
    public static QueryScratch<TBucket> Rent()
    {
        var s = _current ??= new QueryScratch<TBucket>();
        s.Cells.Clear();
        s.Near.Clear();
        s.Far.Clear();
        return s;
    }
}
