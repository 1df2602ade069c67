using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>Posts by region cell and occupation group (one copy each), and the query for a seeker's top posts.</summary>
internal sealed class PostStore : IRecordStore<PostFeatures, SeekerFeatures>
{
    private readonly BucketGrid<PostSegment, PostFeatures> _grid = new(static capacity => new PostSegment(capacity));

    public void Add(in PostFeatures features, RecordSlot slot)
    {
        var bucket = _grid.BucketFor(GeoGrid.Key(features.Lat, features.Lon), OccupationGroup.Of(features.Occupation));
        slot.Locations = [_grid.Append(bucket, in features, slot)];
    }

    public void Remove(RecordSlot slot) => _grid.Remove(slot);

    /// <summary>Offers every eligible post for <paramref name="seeker"/> that can still enter <paramref name="top"/>.</summary>
    public void Query(in SeekerFeatures seeker, ScoringModel model, MatchOptions options, TopK top)
    {
        var limit = options.LimitKm(seeker.Rural);
        var query = new PostQuery(in seeker, new ScanContext(model, options, seeker.Lat, seeker.Lon, limit), limit);
        _grid.Query(seeker.Lat, seeker.Lon, limit, ref query, top);
    }

    static FactorVector IRecordStore<PostFeatures, SeekerFeatures>.Factors(
        object segment, int index, in SeekerFeatures query, MatchOptions options) =>
        Factors((PostSegment)segment, index, in query, options);

    static FactorVector IRecordStore<PostFeatures, SeekerFeatures>.FactorsAt(
        RecordLocation location, in SeekerFeatures query, MatchOptions options) =>
        Factors(((StoreBucket<PostSegment>)location.Bucket).Segment, location.Index, in query, options);

    /// <summary>The factors of post slot <paramref name="index"/> for <paramref name="seeker"/> (for explanations).</summary>
    public static FactorVector Factors(PostSegment segment, int index, in SeekerFeatures seeker, MatchOptions options)
    {
        var limit = options.LimitKm(seeker.Rural);
        var km = new GeoPoint(seeker.Lat, seeker.Lon).DistanceKm(new GeoPoint(segment.Lat[index], segment.Lon[index]));
        var matched = SkillSet.Matched(segment.SkillMask[index], segment.SkillOverflow[index], seeker.Skills.Mask, seeker.Skills.Overflow);
        return new FactorVector(
            FactorCurves.Occupation(segment.Occupation[index], seeker.Occupations),
            FactorCurves.Skills(matched, segment.SkillCount[index]),
            FactorCurves.Pay(seeker.ExpectedPay, segment.PayMin[index], segment.PayMax[index]),
            FactorCurves.Distance(km, limit),
            FactorCurves.Priority(seeker.KeyGroups, options.PriorityGroups, options.OtherKeyGroupPriority));
    }

    /// <summary>
    /// Upper bound of the occupation factor over a bucket of posts in group (major, intermediate): 1 when an
    /// intention shares the intermediate group, 0.25 when it shares only the major group, else 0.
    /// </summary>
    private static double OccupationBound(StoreBucket<PostSegment> bucket, ReadOnlySpan<OccupationCode> intentions)
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

    /// <summary>A seeker's query over post buckets: the seeker's fields a scan reads, unpacked once.</summary>
    private readonly struct PostQuery(in SeekerFeatures seeker, in ScanContext context, double limitKm) : IBucketQuery<PostSegment>
    {
        private readonly ScanContext _context = context;
        private readonly double _limitKm = limitKm;
        private readonly int _age = FactorCurves.AgeYears(seeker.PackedBirth, context.PackedAsOf);
        private readonly bool _publicWelfareEligible = HardFilters.PublicWelfareEligible(seeker.KeyGroups);
        private readonly double _priority = context.Priority(seeker.KeyGroups);
        private readonly Domain.Work.WorkKind _availability = seeker.Availability;
        private readonly byte _education = seeker.EducationRank;
        private readonly double _expectedPay = seeker.ExpectedPay;
        private readonly ulong _skillMask = seeker.Skills.Mask;
        private readonly int[] _skillOverflow = seeker.Skills.Overflow;
        private readonly OccupationCode[] _intentions = seeker.Occupations;

        public double Bound(StoreBucket<PostSegment> bucket, double distanceBound, out bool near)
        {
            var occupation = OccupationBound(bucket, _intentions);
            near = occupation == 1.0;
            return _context.Model.Score(occupation, 1.0, 1.0, distanceBound, _priority);
        }

        public void Scan(PostSegment segment, int count, double distanceBound, TopK top)
        {
            var filters = segment.Filter.AsSpan(0, count);
            var dead = segment.Dead;
            var lat = segment.Lat;
            var here = _context.Here;
            var model = _context.Model;
            var threshold = top.Threshold;
            for (var i = 0; i < filters.Length; i++)
            {
                ref readonly var f = ref filters[i];
                if (!HardFilters.HasOpenings(f.Openings)
                    || !HardFilters.Fits(
                        _availability, _publicWelfareEligible, _education, _age, f.Kind, f.MinEducation, f.AgeMin, f.AgeMax)
                    || Volatile.Read(ref dead[i]) != 0
                    || Math.Abs(lat[i] - here.Lat) > _context.LatReject)
                {
                    continue;
                }
                var occupation = FactorCurves.Occupation(segment.Occupation[i], _intentions);
                var matched = SkillSet.Matched(segment.SkillMask[i], segment.SkillOverflow[i], _skillMask, _skillOverflow);
                var skills = FactorCurves.Skills(matched, segment.SkillCount[i]);
                var pay = FactorCurves.Pay(_expectedPay, segment.PayMin[i], segment.PayMax[i]);
                if (threshold >= 0 && model.Score(occupation, skills, pay, distanceBound, _priority) < threshold)
                {
                    continue;
                }
                var km = here.DistanceKm(new GeoPoint(lat[i], segment.Lon[i]));
                if (!HardFilters.WithinCommute(km, _limitKm))
                {
                    continue;
                }
                var score = model.Score(occupation, skills, pay, FactorCurves.Distance(km, _limitKm), _priority);
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
