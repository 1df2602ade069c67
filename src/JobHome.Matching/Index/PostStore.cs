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

    /// <summary>
    /// True when the stored post of <paramref name="slot"/> differs from <paramref name="features"/> at most in its count of free
    /// openings, with some before and after: no seeker's eligibility or score of it changes (writer side).
    /// </summary>
    public static bool SameButOpenings(RecordSlot slot, in PostFeatures features)
    {
        if (slot.Locations is not [var location, ..])
        {
            return false;
        }
        var segment = ((StoreBucket<PostSegment>)location.Bucket).Segment;
        var i = location.Index;
        ref readonly var f = ref segment.Filter[i];
        return HardFilters.HasOpenings(f.Openings) && HardFilters.HasOpenings(features.Openings)
            && f.AgeMin == features.AgeMin && f.AgeMax == features.AgeMax && f.Kind == features.Kind
            && f.MinEducation == features.MinEducationRank
            && segment.Lat[i].Equals(features.Lat) && segment.Lon[i].Equals(features.Lon)
            && segment.Occupation[i] == features.Occupation
            && segment.PayMin[i].Equals(features.PayMin) && segment.PayMax[i].Equals(features.PayMax)
            && segment.SkillMask[i] == features.Skills.Mask && segment.SkillCount[i] == features.Skills.Count
            && segment.SkillOverflow[i].AsSpan().SequenceEqual(features.Skills.Overflow);
    }

    /// <summary>The stored post's segment and slot index (writer side, or under the index's write lock); false when not stored.</summary>
    public static bool TryLocate(RecordSlot slot, out PostSegment segment, out int index)
    {
        if (slot.Locations is not [var location, ..])
        {
            segment = null!;
            index = 0;
            return false;
        }
        segment = ((StoreBucket<PostSegment>)location.Bucket).Segment;
        index = location.Index;
        return true;
    }

    /// <summary>Offers every eligible post for <paramref name="seeker"/> that can still enter <paramref name="top"/>.</summary>
    public void Query(in SeekerFeatures seeker, ScoringModel model, MatchOptions options, TopK top)
    {
        var query = QueryFor(in seeker, model, options);
        _grid.Query(seeker.Lat, seeker.Lon, query.LimitKm, ref query, top);
        IndexCounters.CountScan(query.Scored);
    }

    /// <summary>A seeker's query, for scanning or for scoring single posts (<see cref="PostQuery.TryScore"/>).</summary>
    public static PostQuery QueryFor(in SeekerFeatures seeker, ScoringModel model, MatchOptions options)
    {
        var limit = options.LimitKm(seeker.Rural);
        return new PostQuery(in seeker, new ScanContext(model, options, seeker.Lat, seeker.Lon, limit), limit);
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
    internal struct PostQuery(in SeekerFeatures seeker, in ScanContext context, double limitKm) : IBucketQuery<PostSegment>
    {
        // Posts a scan scored in full (the haversine and the score), counted per query (IndexCounters).
        public long Scored;
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

        public readonly double LimitKm => _limitKm;

        /// <summary>
        /// The score of post slot <paramref name="i"/> of <paramref name="segment"/>, computed as <see cref="Scan"/> computes it
        /// (the same filters and the same arithmetic, so the same double); false when the post is not eligible (dead, no free
        /// openings, a hard filter, out of commuting range) or certainly scores below <paramref name="below"/> (the bound of
        /// the scan's first test with the distance factor at its maximum).
        /// </summary>
        public readonly bool TryScore(PostSegment segment, int i, double below, out double score)
        {
            score = 0;
            ref readonly var f = ref segment.Filter[i];
            var here = _context.Here;
            if (!HardFilters.HasOpenings(f.Openings)
                || !HardFilters.Fits(
                    _availability, _publicWelfareEligible, _education, _age, f.Kind, f.MinEducation, f.AgeMin, f.AgeMax)
                || Volatile.Read(ref segment.Dead[i]) != 0
                || Math.Abs(segment.Lat[i] - here.Lat) > _context.LatReject)
            {
                return false;
            }
            var model = _context.Model;
            var occupation = FactorCurves.Occupation(segment.Occupation[i], _intentions);
            var matched = SkillSet.Matched(segment.SkillMask[i], segment.SkillOverflow[i], _skillMask, _skillOverflow);
            var skills = FactorCurves.Skills(matched, segment.SkillCount[i]);
            var pay = FactorCurves.Pay(_expectedPay, segment.PayMin[i], segment.PayMax[i]);
            if (model.Score(occupation, skills, pay, FactorCurves.Distance(0.0, _limitKm), _priority) < below)
            {
                return false;
            }
            var km = here.DistanceKm(new GeoPoint(segment.Lat[i], segment.Lon[i]));
            if (!HardFilters.WithinCommute(km, _limitKm))
            {
                return false;
            }
            score = model.Score(occupation, skills, pay, FactorCurves.Distance(km, _limitKm), _priority);
            return true;
        }

        /// <summary>
        /// False when the post logged in <paramref name="entry"/> (its latest entry: the copy equals the stored post) certainly
        /// fails <see cref="TryScore"/> or scores below <paramref name="below"/>: no free openings or a hard filter fails, a lower
        /// bound of its distance from <paramref name="here"/> (this seeker's unit vector) exceeds the commute limit, or its score
        /// with that distance bound, its own occupation and pay and the skills factor at its maximum is below
        /// <paramref name="below"/> (the score is monotone in every factor). Reads only the entry.
        /// </summary>
        public readonly bool MayScore(in PostLogEntry entry, (double X, double Y, double Z) here, double below)
        {
            ref readonly var f = ref entry.Filter;
            if (!HardFilters.HasOpenings(f.Openings)
                || !HardFilters.Fits(
                    _availability, _publicWelfareEligible, _education, _age, f.Kind, f.MinEducation, f.AgeMin, f.AgeMax))
            {
                return false;
            }
            var dx = entry.X - here.X;
            var dy = entry.Y - here.Y;
            var dz = entry.Z - here.Z;
            var km = GeoDistance.KmLowerBound((dx * dx) + (dy * dy) + (dz * dz));
            if (km > _limitKm)
            {
                return false;
            }
            if (below == double.NegativeInfinity)
            {
                return true;
            }
            var occupation = FactorCurves.Occupation(entry.Occupation, _intentions);
            var pay = FactorCurves.Pay(_expectedPay, entry.PayMin, entry.PayMax);
            return _context.Model.Score(occupation, 1.0, pay, FactorCurves.Distance(Math.Max(0.0, km), _limitKm), _priority) >= below;
        }

        public readonly double Bound(StoreBucket<PostSegment> bucket, double distanceBound, out bool near)
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
            var scored = 0L;
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
                scored++;
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
            Scored += scored;
        }
    }
}
