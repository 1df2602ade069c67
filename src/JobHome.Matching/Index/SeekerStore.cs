using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>
/// Seekers by region cell and occupation group, one copy in the bucket of each distinct group among the
/// intentions (none: group 0), so that every seeker sits in the bucket of its best intention for any post; and the
/// query for a post's top seekers.
/// </summary>
internal sealed class SeekerStore : IRecordStore<SeekerFeatures, PostFeatures>
{
    private readonly BucketGrid<SeekerSegment, SeekerFeatures> _grid = new(static capacity => new SeekerSegment(capacity));

    public void Add(in SeekerFeatures features, RecordSlot slot)
    {
        var cellKey = GeoGrid.Key(features.Lat, features.Lon);
        Span<int> groups = stackalloc int[Math.Max(1, features.Occupations.Length)];
        var n = 0;
        foreach (var code in features.Occupations)
        {
            var group = OccupationGroup.Of(code);
            if (!groups[..n].Contains(group))
            {
                groups[n++] = group;
            }
        }
        if (n == 0)
        {
            groups[n++] = 0;
        }
        var locations = new RecordLocation[n];
        for (var c = 0; c < n; c++)
        {
            var bucket = _grid.BucketFor(cellKey, groups[c]);
            // Before the record is published, so that a query seeing the record sees its groups in the bound.
            Volatile.Write(ref bucket.KeyGroups, bucket.KeyGroups | (int)features.KeyGroups);
            locations[c] = _grid.Append(bucket, in features, slot);
        }
        slot.Locations = locations;
    }

    public void Remove(RecordSlot slot) => _grid.Remove(slot);

    /// <summary>Offers every eligible seeker for <paramref name="post"/> that can still enter <paramref name="top"/>.</summary>
    public void Query(in PostFeatures post, ScoringModel model, MatchOptions options, TopK top)
    {
        if (!HardFilters.HasOpenings(post.Openings))
        {
            return;
        }
        var search = options.SearchKm;
        var query = new SeekerQuery(in post, new ScanContext(model, options, post.Lat, post.Lon, search));
        _grid.Query(post.Lat, post.Lon, search, ref query, top);
    }

    static FactorVector IRecordStore<SeekerFeatures, PostFeatures>.Factors(
        object segment, int index, in PostFeatures query, MatchOptions options) =>
        Factors((SeekerSegment)segment, index, in query, options);

    static FactorVector IRecordStore<SeekerFeatures, PostFeatures>.FactorsAt(
        RecordLocation location, in PostFeatures query, MatchOptions options) =>
        Factors(((StoreBucket<SeekerSegment>)location.Bucket).Segment, location.Index, in query, options);

    /// <summary>The factors of seeker slot <paramref name="index"/> for <paramref name="post"/> (for explanations).</summary>
    public static FactorVector Factors(SeekerSegment segment, int index, in PostFeatures post, MatchOptions options)
    {
        var f = segment.Filter[index];
        var limit = options.LimitKm(f.Rural);
        var km = new GeoPoint(segment.Lat[index], segment.Lon[index]).DistanceKm(new GeoPoint(post.Lat, post.Lon));
        var matched = SkillSet.Matched(post.Skills.Mask, post.Skills.Overflow, segment.SkillMask[index], segment.SkillOverflow[index]);
        return new FactorVector(
            segment.Occupation(index, post.Occupation),
            FactorCurves.Skills(matched, post.Skills.Count),
            FactorCurves.Pay(segment.ExpectedPay[index], post.PayMin, post.PayMax),
            FactorCurves.Distance(km, limit),
            FactorCurves.Priority(f.Groups, options.PriorityGroups, options.OtherKeyGroupPriority));
    }

    /// <summary>
    /// Upper bound of the occupation factor for the members' copies in a bucket: 1 when the bucket's group shares
    /// the post's intermediate group, 0.25 when only the major group, else 0. A member whose best intention is in
    /// another group has a copy in that group's bucket, whose bound covers its score.
    /// </summary>
    private static double OccupationBound(StoreBucket<SeekerSegment> bucket, OccupationCode post)
    {
        if (post.Depth == 0 || bucket.Major == 0 || bucket.Major != post.Major)
        {
            return 0.0;
        }
        return bucket.Intermediate != 0 && post.Depth >= 2 && bucket.Intermediate == post.Intermediate
            ? 1.0
            : FactorCurves.OccupationByDepth[1];
    }

    /// <summary>A post's query over seeker buckets: the post's fields a scan reads, unpacked once.</summary>
    private readonly struct SeekerQuery(in PostFeatures post, in ScanContext context) : IBucketQuery<SeekerSegment>
    {
        private readonly ScanContext _context = context;
        private readonly PostFeatures _post = post;

        public double Bound(StoreBucket<SeekerSegment> bucket, double distanceBound, out bool near)
        {
            var priority = _context.Priority((KeyGroups)Volatile.Read(ref bucket.KeyGroups));
            var occupation = OccupationBound(bucket, _post.Occupation);
            near = occupation == 1.0;
            return _context.Model.Score(occupation, 1.0, 1.0, distanceBound, priority);
        }

        public void Scan(SeekerSegment segment, int count, double distanceBound, TopK top)
        {
            var filters = segment.Filter.AsSpan(0, count);
            var dead = segment.Dead;
            var lat = segment.Lat;
            var here = _context.Here;
            var model = _context.Model;
            var packedAsOf = _context.PackedAsOf;
            var kind = _post.Kind;
            var minEducation = _post.MinEducationRank;
            var ageMin = _post.AgeMin;
            var ageMax = _post.AgeMax;
            var postMask = _post.Skills.Mask;
            var postOverflow = _post.Skills.Overflow;
            var required = _post.Skills.Count;
            var threshold = top.Threshold;
            for (var i = 0; i < filters.Length; i++)
            {
                ref readonly var f = ref filters[i];
                var age = FactorCurves.AgeYears(f.PackedBirth, packedAsOf);
                if (!HardFilters.Fits(
                        f.Availability, HardFilters.PublicWelfareEligible(f.Groups), f.Education, age, kind, minEducation, ageMin, ageMax)
                    || Math.Abs(lat[i] - here.Lat) > _context.LatReject
                    || Volatile.Read(ref dead[i]) != 0)
                {
                    continue;
                }
                var occupation = segment.Occupation(i, _post.Occupation);
                var matched = SkillSet.Matched(postMask, postOverflow, segment.SkillMask[i], segment.SkillOverflow[i]);
                var skills = FactorCurves.Skills(matched, required);
                var pay = FactorCurves.Pay(segment.ExpectedPay[i], _post.PayMin, _post.PayMax);
                var priority = _context.Priority(f.Groups);
                if (threshold >= 0 && model.Score(occupation, skills, pay, distanceBound, priority) < threshold)
                {
                    continue;
                }
                var limit = _context.LimitKm(f.Rural);
                var km = new GeoPoint(lat[i], segment.Lon[i]).DistanceKm(here);
                if (!HardFilters.WithinCommute(km, limit))
                {
                    continue;
                }
                var score = model.Score(occupation, skills, pay, FactorCurves.Distance(km, limit), priority);
                if (score >= threshold)
                {
                    var slot = segment.Slots[i];
                    top.Offer(score, slot.Handle, slot.Id, segment, i);
                    threshold = top.Threshold;
                }
            }
        }
    }
}
