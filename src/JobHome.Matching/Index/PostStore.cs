using System.Collections.Concurrent;
using JobHome.Domain.Geography;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>
/// Posts by region cell and occupation major group. Writers are serialised by the caller; readers take no lock:
/// they read a bucket's current segment and its published count.
/// </summary>
internal sealed class PostStore
{
    private readonly ConcurrentDictionary<int, PostCell> _cells = new();

    internal sealed class PostBucket(PostSegment segment, int major, int intermediate)
    {
        public PostSegment Segment = segment;
        public int Dead;
        public readonly int Major = major;
        public readonly int Intermediate = intermediate;
    }

    /// <summary>One region cell: its buckets (published copy-on-write) and a writer-side lookup by occupation group.</summary>
    internal sealed class PostCell
    {
        public PostBucket[] Buckets = [];
        public readonly Dictionary<int, PostBucket> ByGroup = [];
    }

    public void Add(in PostFeatures f, RecordSlot slot)
    {
        var cell = _cells.GetOrAdd(GeoGrid.Key(f.Lat, f.Lon), static _ => new PostCell());
        var major = f.Occupation.Depth == 0 ? 0 : f.Occupation.Major;
        var intermediate = f.Occupation.Depth < 2 ? 0 : f.Occupation.Intermediate;
        var group = (major * 100) + intermediate;
        if (!cell.ByGroup.TryGetValue(group, out var bucket))
        {
            bucket = new PostBucket(new PostSegment(8), major, intermediate);
            cell.ByGroup.Add(group, bucket);
            Volatile.Write(ref cell.Buckets, [.. cell.Buckets, bucket]);
        }
        var seg = bucket.Segment;
        if (seg.Count == seg.Capacity)
        {
            seg = Rebuild(bucket, Math.Max(8, (seg.Count - bucket.Dead) * 2));
        }
        var i = seg.Count;
        seg.Write(i, f, slot);
        slot.Bucket = bucket;
        slot.Index = i;
        Volatile.Write(ref seg.Count, i + 1);
    }

    /// <summary>
    /// Upper bound of the occupation factor over a bucket of posts in group (major, intermediate): 1 when an
    /// intention shares the intermediate group, 0.25 when it shares only the major group, else 0.
    /// </summary>
    private static double OccupationBound(PostBucket bucket, ReadOnlySpan<Domain.Occupations.OccupationCode> intentions)
    {
        var best = 0.0;
        foreach (var code in intentions)
        {
            if (code.Depth == 0 || bucket.Major == 0 || code.Major != bucket.Major)
            {
                continue;
            }
            if (bucket.Intermediate != 0 && code.Intermediate == bucket.Intermediate)
            {
                return 1.0;
            }
            best = FactorCurves.OccupationByDepth[1];
        }
        return best;
    }

    public void Remove(RecordSlot slot)
    {
        var bucket = (PostBucket)slot.Bucket!;
        var seg = bucket.Segment;
        Volatile.Write(ref seg.Dead[slot.Index], (byte)1);
        slot.Bucket = null;
        if (++bucket.Dead > 16 && bucket.Dead * 2 > seg.Count)
        {
            Rebuild(bucket, Math.Max(8, (seg.Count - bucket.Dead) * 2));
        }
    }

    // Copy-on-write compaction: readers holding the old segment keep a consistent view.
    private static PostSegment Rebuild(PostBucket bucket, int capacity)
    {
        var old = bucket.Segment;
        var seg = new PostSegment(capacity);
        var j = 0;
        for (var i = 0; i < old.Count; i++)
        {
            if (old.Dead[i] == 0)
            {
                old.CopyTo(i, seg, j);
                old.Slots[i].Index = j;
                j++;
            }
        }
        seg.Count = j;
        bucket.Dead = 0;
        Volatile.Write(ref bucket.Segment, seg);
        return seg;
    }

    /// <summary>Offers every eligible post for <paramref name="s"/> that can still enter <paramref name="top"/>.</summary>
    public void Query(in SeekerFeatures s, ScoringModel model, MatchOptions options, TopK top)
    {
        var limit = options.LimitKm(s.Rural);
        var age = FactorCurves.AgeYears(s.PackedBirth, FactorCurves.PackDate(options.AsOf));
        var priority = FactorCurves.Priority(s.KeyGroups, options.PriorityGroups, options.OtherKeyGroupPriority);
        var scratch = QueryScratch<PostBucket>.Rent();
        var cells = scratch.Cells;
        GeoGrid.CellsWithin(s.Lat, s.Lon, limit, cells);
        // Buckets sharing an intermediate group with an intention first; the rest are sorted only if needed.
        var near = scratch.Near;
        var far = scratch.Far;
        var farMax = -1.0;
        foreach (var (key, minKm) in cells)
        {
            if (!_cells.TryGetValue(key, out var cell))
            {
                continue;
            }
            var distBound = FactorCurves.Distance(minKm, limit);
            foreach (var b in Volatile.Read(ref cell.Buckets))
            {
                var occBound = OccupationBound(b, s.Occupations);
                var bound = model.Score(occBound, 1.0, 1.0, distBound, priority);
                if (occBound == 1.0)
                {
                    near.Add((bound, distBound, b));
                }
                else
                {
                    far.Add((bound, distBound, b));
                    farMax = Math.Max(farMax, bound);
                }
            }
        }
        var pwOk = (s.KeyGroups & KeyGroupTokens.PublicWelfareEligible) != 0;
        var latReject = GeoGrid.LatRejectDegrees(limit);
        var here = new GeoPoint(s.Lat, s.Lon);
        foreach (var list in (ReadOnlySpan<List<(double Bound, double DistBound, PostBucket Bucket)>>)[near, far])
        {
            if (list == far && farMax < top.Threshold)
            {
                break;
            }
            list.Sort(static (a, b) => b.Bound.CompareTo(a.Bound));
            foreach (var (bound, distBound, bucket) in list)
            {
                if (bound < top.Threshold)
                {
                    break;
                }
                var seg = Volatile.Read(ref bucket.Segment);
                Scan(seg, Volatile.Read(ref seg.Count), in s, age, pwOk, priority, limit, latReject, distBound, here, model, top);
            }
        }
    }

    private static void Scan(
        PostSegment seg, int n, in SeekerFeatures s, int age, bool pwOk, double priority, double limit, double latReject,
        double distBound, GeoPoint here, ScoringModel model, TopK top)
    {
        var filters = seg.Filter.AsSpan(0, n);
        var dead = seg.Dead;
        var lat = seg.Lat;
        var avail = s.Availability;
        var edu = s.EducationRank;
        var sMask = s.Skills.Mask;
        var sOverflow = s.Skills.Overflow;
        var intentions = s.Occupations;
        var threshold = top.Threshold;
        for (var i = 0; i < filters.Length; i++)
        {
            ref readonly var f = ref filters[i];
            if (f.Openings <= 0 || (avail & f.Kind) == 0 || edu < f.MinEducation || age < f.AgeMin || age > f.AgeMax
                || (f.Kind == WorkKind.PublicWelfare && !pwOk) || Volatile.Read(ref dead[i]) != 0
                || Math.Abs(lat[i] - s.Lat) > latReject)
            {
                continue;
            }
            var occ = FactorCurves.Occupation(seg.Occupation[i], intentions);
            var skills = FactorCurves.Skills(SkillSet.Matched(seg.SkillMask[i], seg.SkillOverflow[i], sMask, sOverflow), seg.SkillCount[i]);
            var pay = FactorCurves.Pay(s.ExpectedPay, seg.PayMin[i], seg.PayMax[i]);
            if (threshold >= 0 && model.Score(occ, skills, pay, distBound, priority) < threshold)
            {
                continue;
            }
            var km = here.DistanceKm(new GeoPoint(lat[i], seg.Lon[i]));
            if (!(km <= limit))
            {
                continue;
            }
            var score = model.Score(occ, skills, pay, FactorCurves.Distance(km, limit), priority);
            if (score >= threshold)
            {
                var slot = seg.Slots[i];
                top.Offer(score, slot.Handle, slot.Id, seg, i);
                threshold = top.Threshold;
            }
        }
    }

    /// <summary>The factors of post slot <paramref name="i"/> for seeker <paramref name="s"/> (for explanations).</summary>
    public static FactorVector Factors(PostSegment seg, int i, in SeekerFeatures s, MatchOptions options)
    {
        var limit = options.LimitKm(s.Rural);
        var km = new GeoPoint(s.Lat, s.Lon).DistanceKm(new GeoPoint(seg.Lat[i], seg.Lon[i]));
        return new FactorVector(
            FactorCurves.Occupation(seg.Occupation[i], s.Occupations),
            FactorCurves.Skills(SkillSet.Matched(seg.SkillMask[i], seg.SkillOverflow[i], s.Skills.Mask, s.Skills.Overflow), seg.SkillCount[i]),
            FactorCurves.Pay(s.ExpectedPay, seg.PayMin[i], seg.PayMax[i]),
            FactorCurves.Distance(km, limit),
            FactorCurves.Priority(s.KeyGroups, options.PriorityGroups, options.OtherKeyGroupPriority));
    }
}
