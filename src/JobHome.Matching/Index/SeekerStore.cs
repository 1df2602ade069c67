using System.Collections.Concurrent;
using JobHome.Domain.Geography;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>
/// Seekers by region cell and the set of occupation major groups of their intentions (an 8-bit mask), so a
/// post's query bounds whole buckets that share no major group with it. Writers are serialised by the caller;
/// readers take no lock.
/// </summary>
internal sealed class SeekerStore
{
    private readonly ConcurrentDictionary<int, SeekerCell> _cells = new();

    internal sealed class SeekerBucket(SeekerSegment segment, int major, int intermediate)
    {
        public SeekerSegment Segment = segment;
        public int Dead;
        public readonly int Major = major;
        public readonly int Intermediate = intermediate;

        /// <summary>Union of members' key groups (only grows): bounds the priority factor of the bucket.</summary>
        public int Groups;
    }

    /// <summary>One region cell: its buckets (published copy-on-write) and a writer-side lookup by occupation group.</summary>
    internal sealed class SeekerCell
    {
        public SeekerBucket[] Buckets = [];
        public readonly Dictionary<int, SeekerBucket> ByGroup = [];
    }

    /// <summary>Occupation group key of a code: major × 100 + intermediate (0 where absent).</summary>
    private static int Group(Domain.Occupations.OccupationCode code) =>
        code.Depth == 0 ? 0 : (code.Major * 100) + (code.Depth < 2 ? 0 : code.Intermediate);

    public void Add(in SeekerFeatures f, RecordSlot slot)
    {
        var cell = _cells.GetOrAdd(GeoGrid.Key(f.Lat, f.Lon), static _ => new SeekerCell());
        Span<int> groups = stackalloc int[Math.Max(1, f.Occupations.Length)];
        var n = 0;
        foreach (var code in f.Occupations)
        {
            var g = Group(code);
            if (!groups[..n].Contains(g))
            {
                groups[n++] = g;
            }
        }
        if (n == 0)
        {
            groups[n++] = 0;
        }
        var copies = new SeekerLocation[n];
        for (var c = 0; c < n; c++)
        {
            if (!cell.ByGroup.TryGetValue(groups[c], out var bucket))
            {
                bucket = new SeekerBucket(new SeekerSegment(8), groups[c] / 100, groups[c] % 100);
                cell.ByGroup.Add(groups[c], bucket);
                Volatile.Write(ref cell.Buckets, [.. cell.Buckets, bucket]);
            }
            Volatile.Write(ref bucket.Groups, bucket.Groups | (int)f.KeyGroups);
            var seg = bucket.Segment;
            if (seg.Count == seg.Capacity)
            {
                seg = Rebuild(bucket, Math.Max(8, (seg.Count - bucket.Dead) * 2));
            }
            var i = seg.Count;
            seg.Write(i, f, slot);
            copies[c] = new SeekerLocation { Bucket = bucket, Index = i };
            Volatile.Write(ref seg.Count, i + 1);
        }
        slot.Copies = copies;
    }

    public void Remove(RecordSlot slot)
    {
        var copies = slot.Copies!;
        slot.Copies = null;
        foreach (var copy in copies)
        {
            var bucket = copy.Bucket;
            var seg = bucket.Segment;
            Volatile.Write(ref seg.Dead[copy.Index], (byte)1);
            if (++bucket.Dead > 16 && bucket.Dead * 2 > seg.Count)
            {
                Rebuild(bucket, Math.Max(8, (seg.Count - bucket.Dead) * 2));
            }
        }
    }

    private static SeekerSegment Rebuild(SeekerBucket bucket, int capacity)
    {
        var old = bucket.Segment;
        var seg = new SeekerSegment(capacity);
        var j = 0;
        for (var i = 0; i < old.Count; i++)
        {
            if (old.Dead[i] == 0)
            {
                old.CopyTo(i, seg, j);
                var copies = old.Slots[i].Copies;
                // A record being added has no copy list yet; Add records the new slots itself.
                if (copies is not null)
                {
                    for (var c = 0; c < copies.Length; c++)
                    {
                        if (copies[c].Bucket == bucket)
                        {
                            copies[c].Index = j;
                        }
                    }
                }
                j++;
            }
        }
        seg.Count = j;
        bucket.Dead = 0;
        Volatile.Write(ref bucket.Segment, seg);
        return seg;
    }

    /// <summary>
    /// Upper bound of the occupation factor for the members' copies in a bucket: 1 when the bucket's group shares
    /// the post's intermediate group, 0.25 when only the major group, else 0. A member whose best intention is in
    /// another group has a copy in that group's bucket, whose bound covers its score.
    /// </summary>
    private static double OccupationBound(SeekerBucket bucket, Domain.Occupations.OccupationCode post)
    {
        if (post.Depth == 0 || bucket.Major == 0 || bucket.Major != post.Major)
        {
            return 0.0;
        }
        return bucket.Intermediate != 0 && post.Depth >= 2 && bucket.Intermediate == post.Intermediate ? 1.0 : FactorCurves.OccupationByDepth[1];
    }

    /// <summary>Offers every eligible seeker for post <paramref name="p"/> that can still enter <paramref name="top"/>.</summary>
    public void Query(in PostFeatures p, ScoringModel model, MatchOptions options, TopK top)
    {
        if (p.Openings <= 0)
        {
            return;
        }
        var search = options.SearchKm;
        var rural = options.LimitKm(true);
        var urban = options.LimitKm(false);
        var scratch = QueryScratch<SeekerBucket>.Rent();
        var cells = scratch.Cells;
        GeoGrid.CellsWithin(p.Lat, p.Lon, search, cells);
        var near = scratch.Near;
        var far = scratch.Far;
        var farMax = -1.0;
        foreach (var (key, minKm) in cells)
        {
            if (!_cells.TryGetValue(key, out var cell))
            {
                continue;
            }
            var distBound = FactorCurves.Distance(minKm, search);
            foreach (var b in Volatile.Read(ref cell.Buckets))
            {
                var pri = FactorCurves.Priority((KeyGroups)Volatile.Read(ref b.Groups), options.PriorityGroups, options.OtherKeyGroupPriority);
                var occBound = OccupationBound(b, p.Occupation);
                var bound = model.Score(occBound, 1.0, 1.0, distBound, pri);
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
        var ctx = new ScanContext
        {
            PackedAsOf = FactorCurves.PackDate(options.AsOf),
            RuralKm = rural,
            UrbanKm = urban,
            LatReject = GeoGrid.LatRejectDegrees(search),
            Here = new GeoPoint(p.Lat, p.Lon),
            PriorityGroups = options.PriorityGroups,
            OtherPriority = options.OtherKeyGroupPriority,
        };
        foreach (var list in (ReadOnlySpan<List<(double Bound, double DistBound, SeekerBucket Bucket)>>)[near, far])
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
                Scan(seg, Volatile.Read(ref seg.Count), in p, in ctx, distBound, model, top);
            }
        }
    }

    private struct ScanContext
    {
        public int PackedAsOf;
        public double RuralKm;
        public double UrbanKm;
        public double LatReject;
        public GeoPoint Here;
        public KeyGroups PriorityGroups;
        public double OtherPriority;
    }

    private static void Scan(SeekerSegment seg, int n, in PostFeatures p, in ScanContext ctx, double distBound, ScoringModel model, TopK top)
    {
        var filters = seg.Filter.AsSpan(0, n);
        var dead = seg.Dead;
        var lat = seg.Lat;
        var kind = p.Kind;
        var pw = kind == WorkKind.PublicWelfare;
        var minEdu = p.MinEducationRank;
        var pMask = p.Skills.Mask;
        var pOverflow = p.Skills.Overflow;
        var required = p.Skills.Count;
        var threshold = top.Threshold;
        for (var i = 0; i < filters.Length; i++)
        {
            ref readonly var f = ref filters[i];
            if ((f.Availability & kind) == 0 || f.Education < minEdu
                || (pw && (f.Groups & KeyGroupTokens.PublicWelfareEligible) == 0)
                || Math.Abs(lat[i] - ctx.Here.Lat) > ctx.LatReject)
            {
                continue;
            }
            var age = FactorCurves.AgeYears(f.PackedBirth, ctx.PackedAsOf);
            if (age < p.AgeMin || age > p.AgeMax || Volatile.Read(ref dead[i]) != 0)
            {
                continue;
            }
            var occ = seg.Occupation(i, p.Occupation);
            var skills = FactorCurves.Skills(SkillSet.Matched(pMask, pOverflow, seg.SkillMask[i], seg.SkillOverflow[i]), required);
            var pay = FactorCurves.Pay(seg.ExpectedPay[i], p.PayMin, p.PayMax);
            var priority = FactorCurves.Priority(f.Groups, ctx.PriorityGroups, ctx.OtherPriority);
            if (threshold >= 0 && model.Score(occ, skills, pay, distBound, priority) < threshold)
            {
                continue;
            }
            var limit = f.Rural ? ctx.RuralKm : ctx.UrbanKm;
            var km = new GeoPoint(lat[i], seg.Lon[i]).DistanceKm(ctx.Here);
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

    /// <summary>The factors of seeker slot <paramref name="i"/> for post <paramref name="p"/> (for explanations).</summary>
    public static FactorVector Factors(SeekerSegment seg, int i, in PostFeatures p, MatchOptions options)
    {
        var f = seg.Filter[i];
        var limit = options.LimitKm(f.Rural);
        var km = new GeoPoint(seg.Lat[i], seg.Lon[i]).DistanceKm(new GeoPoint(p.Lat, p.Lon));
        return new FactorVector(
            seg.Occupation(i, p.Occupation),
            FactorCurves.Skills(SkillSet.Matched(p.Skills.Mask, p.Skills.Overflow, seg.SkillMask[i], seg.SkillOverflow[i]), p.Skills.Count),
            FactorCurves.Pay(seg.ExpectedPay[i], p.PayMin, p.PayMax),
            FactorCurves.Distance(km, limit),
            FactorCurves.Priority(f.Groups, options.PriorityGroups, options.OtherKeyGroupPriority));
    }
}
