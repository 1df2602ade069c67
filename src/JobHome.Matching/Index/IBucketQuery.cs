namespace JobHome.Matching.Index;

/// <summary>What <see cref="BucketGrid{TSegment, TFeatures}.Query"/> asks of one query: bucket bounds and the scan of a segment.</summary>
internal interface IBucketQuery<TSegment>
    where TSegment : class
{
    /// <summary>An upper bound of any member's score; <paramref name="near"/> when the occupation bound is 1.</summary>
    double Bound(StoreBucket<TSegment> bucket, double distanceBound, out bool near);

    /// <summary>Offers each eligible record of the first <paramref name="count"/> slots that can still enter the heap.</summary>
    void Scan(TSegment segment, int count, double distanceBound, TopK top);
}
