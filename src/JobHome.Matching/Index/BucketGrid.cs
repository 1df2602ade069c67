using System.Collections.Concurrent;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>
/// Records of one kind by region cell and occupation group, shared by <see cref="PostStore"/> and
/// <see cref="SeekerStore"/>. Writers are serialised by the caller; readers take no lock: they read a bucket's
/// current segment and its published count. Segments grow and compact copy-on-write, so a reader holding an old
/// segment keeps a consistent view.
/// </summary>
/// <typeparam name="TSegment">The segment kind.</typeparam>
/// <typeparam name="TFeatures">The encoded record.</typeparam>
internal sealed class BucketGrid<TSegment, TFeatures>
    where TSegment : RecordSegment<TSegment, TFeatures>
    where TFeatures : struct
{
    private readonly ConcurrentDictionary<int, StoreCell<TSegment>> _cells = new();
    private readonly Func<int, TSegment> _create;

    /// <summary>Creates an empty grid whose segments come from <paramref name="create"/> (given a capacity).</summary>
    public BucketGrid(Func<int, TSegment> create)
    {
        _create = create;
    }

    /// <summary>The bucket of (cell, group), created and published when new (writer side).</summary>
    public StoreBucket<TSegment> BucketFor(int cellKey, int group)
    {
        var cell = _cells.GetOrAdd(cellKey, static _ => new StoreCell<TSegment>());
        if (!cell.ByGroup.TryGetValue(group, out var bucket))
        {
            bucket = new StoreBucket<TSegment>(_create(8), group);
            cell.ByGroup.Add(group, bucket);
            Volatile.Write(ref cell.Buckets, [.. cell.Buckets, bucket]);
        }
        return bucket;
    }

    /// <summary>Stores a record in a bucket and publishes it; returns where it went.</summary>
    public RecordLocation Append(StoreBucket<TSegment> bucket, in TFeatures features, RecordSlot slot)
    {
        var seg = bucket.Segment;
        if (seg.Count == seg.Capacity)
        {
            seg = Compact(bucket, Math.Max(8, (seg.Count - bucket.Dead) * 2));
        }
        var i = seg.Count;
        seg.Write(i, in features, slot);
        Volatile.Write(ref seg.Count, i + 1);
        return new RecordLocation { Bucket = bucket, Index = i };
    }

    /// <summary>Marks every copy of a record dead, compacting buckets that are mostly dead.</summary>
    public void Remove(RecordSlot slot)
    {
        var locations = slot.Locations!;
        slot.Locations = null;
        foreach (var location in locations)
        {
            var bucket = (StoreBucket<TSegment>)location.Bucket;
            var seg = bucket.Segment;
            Volatile.Write(ref seg.Dead[location.Index], (byte)1);
            if (++bucket.Dead > 16 && bucket.Dead * 2 > seg.Count)
            {
                Compact(bucket, Math.Max(8, (seg.Count - bucket.Dead) * 2));
            }
        }
    }

    /// <summary>
    /// Visits the buckets of the cells within <paramref name="radiusKm"/> that can still reach the heap: those whose
    /// occupation bound is 1 first, then the rest, each list by descending bound, stopping when the bound falls below
    /// the k-th score.
    /// </summary>
    public void Query<TQuery>(double lat, double lon, double radiusKm, ref TQuery query, TopK top)
        where TQuery : struct, IBucketQuery<TSegment>
    {
        var scratch = QueryScratch<StoreBucket<TSegment>>.Rent();
        var cells = scratch.Cells;
        GeoGrid.CellsWithin(lat, lon, radiusKm, cells);
        // Buckets sharing an intermediate group with the query first; the rest are sorted only if needed.
        var near = scratch.Near;
        var far = scratch.Far;
        var farMax = -1.0;
        foreach (var (key, minKm) in cells)
        {
            if (!_cells.TryGetValue(key, out var cell))
            {
                continue;
            }
            var distanceBound = FactorCurves.Distance(minKm, radiusKm);
            foreach (var bucket in Volatile.Read(ref cell.Buckets))
            {
                var bound = query.Bound(bucket, distanceBound, out var isNear);
                if (isNear)
                {
                    near.Add((bound, distanceBound, bucket));
                }
                else
                {
                    far.Add((bound, distanceBound, bucket));
                    farMax = Math.Max(farMax, bound);
                }
            }
        }
        foreach (var list in (ReadOnlySpan<List<(double Bound, double DistBound, StoreBucket<TSegment> Bucket)>>)[near, far])
        {
            if (list == far && farMax < top.Threshold)
            {
                break;
            }
            list.Sort(static (a, b) => b.Bound.CompareTo(a.Bound));
            foreach (var (bound, distanceBound, bucket) in list)
            {
                if (bound < top.Threshold)
                {
                    break;
                }
                var seg = Volatile.Read(ref bucket.Segment);
                query.Scan(seg, Volatile.Read(ref seg.Count), distanceBound, top);
            }
        }
    }

    // Copy-on-write compaction: readers holding the old segment keep a consistent view. A record being added has
    // no location list yet; the store records its locations itself.
    private TSegment Compact(StoreBucket<TSegment> bucket, int capacity)
    {
        var old = bucket.Segment;
        var seg = _create(capacity);
        var j = 0;
        for (var i = 0; i < old.Count; i++)
        {
            if (old.Dead[i] != 0)
            {
                continue;
            }
            old.CopyTo(i, seg, j);
            if (old.Slots[i].Locations is { } locations)
            {
                for (var c = 0; c < locations.Length; c++)
                {
                    if (locations[c].Bucket == bucket)
                    {
                        locations[c].Index = j;
                    }
                }
            }
            j++;
        }
        seg.Count = j;
        bucket.Dead = 0;
        Volatile.Write(ref bucket.Segment, seg);
        return seg;
    }
}
