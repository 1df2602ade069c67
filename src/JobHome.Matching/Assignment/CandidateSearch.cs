using System.Numerics;
using System.Runtime.CompilerServices;
using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Assignment;

/// <summary>
/// One worker of <see cref="CandidateGraphBuilder"/>: finds seekers' top-N posts in a <see cref="FairPostIndex"/>
/// and appends each row to its own growing edge buffers. Owns all its scratch, so a query allocates nothing.
/// </summary>
internal sealed class CandidateSearch(FairPostIndex index, ScoringModel model, MatchOptions options, int topN)
{
    /// <summary>Posts screened per block of a scan.</summary>
    private const int BlockSize = 256;

    private readonly FairPostIndex _index = index;
    private readonly ScoringModel _model = model;
    private readonly MatchOptions _options = options;
    private readonly int _topN = topN;
    private readonly int _packedAsOf = FactorCurves.PackDate(options.AsOf);
    private readonly double _distanceWeight = model.Weight(Factor.Distance);
    private readonly ulong[] _skillBits = new ulong[(index.SkillVocabularySize + 63) / 64];
    private readonly CandidateHeap _heap = new();
    private readonly List<(int Key, double MinKm)> _gridCells = [];
    private int[] _cells = new int[64];
    private double[] _cellDistance = new double[64];
    private int[] _nearGroups = new int[8];
    private long[] _intentionKeys = new long[8];
    private int[] _nearFrom = new int[256];
    private int[] _nearTo = new int[256];
    private readonly int[] _passed = new int[BlockSize];
    private readonly double[] _chords = new double[BlockSize];

    /// <summary>Post input position of each edge written so far.</summary>
    public int[] EdgePost { get; private set; } = new int[1024];

    /// <summary>Score (micro-points) of each edge written so far.</summary>
    public int[] EdgeScore { get; private set; } = new int[1024];

    /// <summary>Number of edges written.</summary>
    public int EdgeCount { get; private set; }

    /// <summary>
    /// Finds and appends the rows of the seekers numbered in <paramref name="seekerIndices"/>; records for each
    /// seeker s the worker, first edge and length of its row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AppendRows(
        IReadOnlyList<MatchSeeker> seekers, SkillVocabulary vocabulary, ReadOnlySpan<int> seekerIndices, int workerId,
        int[] rowWorker, int[] rowStart, int[] rowLength)
    {
        foreach (var s in seekerIndices)
        {
            var features = new SeekerFeatures(seekers[s], vocabulary, addSkills: false);
            var before = EdgeCount;
            rowStart[s] = AppendRow(in features);
            rowLength[s] = EdgeCount - before;
            rowWorker[s] = workerId;
        }
    }

    /// <summary>Finds a seeker's row and appends it; returns the row's first edge in this worker's buffers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int AppendRow(in SeekerFeatures seeker)
    {
        _heap.Reset(_topN);
        foreach (var id in seeker.Skills.Overflow)
        {
            _skillBits[id >> 6] |= 1UL << id;
        }
        Search(in seeker);
        foreach (var id in seeker.Skills.Overflow)
        {
            _skillBits[id >> 6] = 0;
        }
        var row = _heap.SortBestFirst();
        if (EdgeCount + row.Length > EdgePost.Length)
        {
            var size = Math.Max(EdgeCount + row.Length, EdgePost.Length * 2);
            var posts = EdgePost;
            var scores = EdgeScore;
            Array.Resize(ref posts, size);
            Array.Resize(ref scores, size);
            EdgePost = posts;
            EdgeScore = scores;
        }
        var start = EdgeCount;
        var input = _index.Input;
        for (var j = 0; j < row.Length; j++)
        {
            EdgePost[start + j] = input[row[j].Slot];
            EdgeScore[start + j] = CandidateGraph.ToMicro(row[j].Score);
        }
        EdgeCount += row.Length;
        return start;
    }

    /// <summary>Fills the heap with the seeker's best posts: cells in reach, then the three passes by occupation bound.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Search(in SeekerFeatures seeker)
    {
        var limit = _options.LimitKm(seeker.Rural);
        var priority = FactorCurves.Priority(seeker.KeyGroups, _options.PriorityGroups, _options.OtherKeyGroupPriority);
        var cellCount = CollectCells(in seeker, limit);
        if (cellCount == 0)
        {
            return;
        }
        var nearCount = CollectIntentionGroups(seeker.Occupations, out var majors);
        var query = new Query(seeker, _packedAsOf, limit, priority, seeker.Occupations.Length);
        ScanSameIntermediate(in query, cellCount, nearCount);
        ScanSameMajor(in query, cellCount, nearCount, majors);
        ScanOtherMajors(in query, cellCount, majors);
    }

    /// <summary>The posts' cells within reach, nearest first, with the distance factor's bound for each; returns their number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CollectCells(in SeekerFeatures seeker, double limit)
    {
        _gridCells.Clear();
        GeoGrid.CellsWithin(seeker.Lat, seeker.Lon, limit, _gridCells);
        if (_gridCells.Count > _cells.Length)
        {
            _cells = new int[_gridCells.Count];
            _cellDistance = new double[_gridCells.Count];
        }
        var cellCount = 0;
        foreach (var (key, minKm) in _gridCells)
        {
            var cell = _index.CellOf(key);
            if (cell < 0)
            {
                continue;
            }
            var j = cellCount++;
            while (j > 0 && _cellDistance[j - 1] < FactorCurves.Distance(minKm, limit))
            {
                _cells[j] = _cells[j - 1];
                _cellDistance[j] = _cellDistance[j - 1];
                j--;
            }
            _cells[j] = cell;
            _cellDistance[j] = FactorCurves.Distance(minKm, limit);
        }
        return cellCount;
    }

    /// <summary>
    /// The occupation groups sharing an intermediate group with an intention (occupation up to 1), ascending, and
    /// the mask of the intentions' major groups (up to 0.25); every other post scores 0 on occupation. Also packs
    /// the intentions for scoring. Returns the number of near groups.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CollectIntentionGroups(OccupationCode[] intentions, out int majors)
    {
        if (intentions.Length > _nearGroups.Length)
        {
            _nearGroups = new int[intentions.Length];
        }
        var nearCount = 0;
        majors = 0;
        foreach (var code in intentions)
        {
            if (code.Depth == 0)
            {
                continue;
            }
            majors |= 1 << code.Major;
            var group = OccupationGroup.Of(code);
            if (code.Depth >= 2 && Array.IndexOf(_nearGroups, group, 0, nearCount) < 0)
            {
                _nearGroups[nearCount++] = group;
            }
        }

        // Ascending, so that the runs of one major group come in slot order.
        for (var i = 1; i < nearCount; i++)
        {
            var x = _nearGroups[i];
            var j = i - 1;
            for (; j >= 0 && _nearGroups[j] > x; j--)
            {
                _nearGroups[j + 1] = _nearGroups[j];
            }
            _nearGroups[j + 1] = x;
        }

        if (intentions.Length > _intentionKeys.Length)
        {
            _intentionKeys = new long[intentions.Length];
        }
        for (var i = 0; i < intentions.Length; i++)
        {
            _intentionKeys[i] = OccupationKey.Pack(intentions[i]);
        }
        return nearCount;
    }

    /// <summary>
    /// Pass 1: the runs of the same intermediate groups, where the best scores are, so that the threshold rises
    /// early; remembers each run's bounds for pass 2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanSameIntermediate(in Query query, int cellCount, int nearCount)
    {
        var index = _index;
        var groupKey = index.GroupKey;
        var groupStart = index.GroupStart;
        var cellGroupStart = index.CellGroupStart;
        // A run's score bound with distance factor 0, for occupation bound 1.
        var rest = _model.Score(1.0, 1.0, 1.0, 0.0, query.Priority);
        if (cellCount * nearCount > _nearFrom.Length)
        {
            _nearFrom = new int[cellCount * nearCount * 2];
            _nearTo = new int[cellCount * nearCount * 2];
        }
        for (var c = 0; c < cellCount; c++)
        {
            var cell = _cells[c];
            var from = cellGroupStart[cell];
            var to = cellGroupStart[cell + 1];
            for (var n = 0; n < nearCount; n++)
            {
                var g = Array.BinarySearch(groupKey, from, to - from, _nearGroups[n]);
                var at = (c * nearCount) + n;
                if (g >= 0)
                {
                    _nearFrom[at] = groupStart[g];
                    _nearTo[at] = groupStart[g + 1];
                    Scan(in query, groupStart[g], groupStart[g + 1], rest);
                }
                else
                {
                    _nearFrom[at] = -1;
                }
            }
        }
    }

    /// <summary>
    /// Pass 2: the rest of the intentions' major groups (occupation at most 0.25), around the runs pass 1 scanned; a
    /// cell is skipped once its bound cannot reach the threshold.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanSameMajor(in Query query, int cellCount, int nearCount, int majors)
    {
        var majorStart = _index.MajorStart;
        var majorBound = FactorCurves.OccupationByDepth[1];
        var rest = _model.Score(majorBound, 1.0, 1.0, 0.0, query.Priority);
        for (var c = 0; c < cellCount && majors != 0; c++)
        {
            if (_model.Score(majorBound, 1.0, 1.0, _cellDistance[c], query.Priority) < _heap.Threshold)
            {
                continue;
            }
            var slots = _cells[c] * FairPostIndex.MajorSlots;
            for (var m = 1; m <= 8; m++)
            {
                if ((majors & (1 << m)) == 0)
                {
                    continue;
                }
                var from = majorStart[slots + m];
                for (var n = 0; n < nearCount; n++)
                {
                    var at = (c * nearCount) + n;
                    if (OccupationGroup.Major(_nearGroups[n]) == m && _nearFrom[at] >= 0)
                    {
                        Scan(in query, from, _nearFrom[at], rest);
                        from = _nearTo[at];
                    }
                }
                Scan(in query, from, majorStart[slots + m + 1], rest);
            }
        }
    }

    /// <summary>Pass 3: every other major group (occupation 0), adjacent ones as one run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanOtherMajors(in Query query, int cellCount, int majors)
    {
        var majorStart = _index.MajorStart;
        var rest = _model.Score(0.0, 1.0, 1.0, 0.0, query.Priority);
        for (var c = 0; c < cellCount; c++)
        {
            if (_model.Score(0.0, 1.0, 1.0, _cellDistance[c], query.Priority) < _heap.Threshold)
            {
                continue;
            }
            var slots = _cells[c] * FairPostIndex.MajorSlots;
            var m = 0;
            while (m <= 8)
            {
                if ((majors & (1 << m)) != 0)
                {
                    m++;
                    continue;
                }
                var from = majorStart[slots + m];
                while (m <= 8 && (majors & (1 << m)) == 0)
                {
                    m++;
                }
                Scan(in query, from, majorStart[slots + m], rest);
            }
        }
    }

    /// <summary>Offers every eligible post of slots [from, to) that can still enter the heap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scan(in Query q, int from, int to, double rest)
    {
        if (from >= to)
        {
            return;
        }
        var index = _index;
        var model = _model;
        var heap = _heap;
        var threshold = heap.Threshold;
        var chordMax2 = ChordLimitSquared(in q, threshold, rest);
        var screen = index.Screen;
        var scoring = index.Score;
        var intentions = _intentionKeys.AsSpan(0, q.IntentionCount);
        var passed = _passed;
        var chords = _chords;
        var skillBits = _skillBits;
        for (var block = from; block < to; block += BlockSize)
        {
            // Filter a block without branches (the outcome is close to random), keeping the slots that pass.
            var end = Math.Min(block + BlockSize, to);
            var n = 0;
            for (var i = block; i < end; i++)
            {
                ref readonly var f = ref screen[i];
                var dx = f.X - q.X;
                var dy = f.Y - q.Y;
                var dz = f.Z - q.Z;
                var chord2 = (dx * dx) + (dy * dy) + (dz * dz);
                var ok = HardFilters.Fits(q.Availability, q.PublicWelfareOk, q.Education, q.Age, f.Kind, f.MinEducation, f.AgeMin, f.AgeMax)
                    & (chord2 <= chordMax2);
                passed[n] = i;
                chords[n] = chord2;
                n += ok ? 1 : 0;
            }
            for (var j = 0; j < n; j++)
            {
                var chord2 = chords[j];
                if (chord2 > chordMax2)
                {
                    continue;
                }
                ref readonly var p = ref scoring[passed[j]];
                var occupation = OccupationKey.Occupation(p.Occupation, intentions);
                var matched = BitOperations.PopCount(p.SkillMask & q.SkillMask);
                if (p.SkillOverflowCount != 0 && q.SkillOverflow.Length != 0)
                {
                    // Overflow ids are distinct: count those the seeker holds, from the seeker's bitmap.
                    foreach (var id in p.SkillOverflow)
                    {
                        matched += (int)((skillBits[id >> 6] >> id) & 1);
                    }
                }
                var skills = FactorCurves.Skills(matched, p.SkillCount);
                var pay = FactorCurves.Pay(q.ExpectedPay, p.PayMin, p.PayMax);
                var distanceBound = FactorCurves.Distance(GeoDistance.KmLowerBound(chord2), q.Limit);
                if (threshold >= 0 && model.Score(occupation, skills, pay, distanceBound, q.Priority) < threshold)
                {
                    continue;
                }
                var km = GeoDistance.Haversine(q.Lat, q.Lon, q.CosLat, p.Lat, p.Lon, p.CosLat);
                if (!HardFilters.WithinCommute(km, q.Limit))
                {
                    continue;
                }
                var score = model.Score(occupation, skills, pay, FactorCurves.Distance(km, q.Limit), q.Priority);
                if (score >= threshold)
                {
                    heap.Offer(score, p.Rank, passed[j]);
                    if (heap.Threshold != threshold)
                    {
                        threshold = heap.Threshold;
                        chordMax2 = ChordLimitSquared(in q, threshold, rest);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The squared chord beyond which no post of a run can enter: out of the commute limit, or so far that even
    /// the run's best occupation, skills = pay = 1 leave its score below the threshold (<paramref name="rest"/> = that
    /// bound's score with distance factor 0).
    /// Conservative by 10⁻⁹ in score and in km, so a post that could tie the threshold is always scored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ChordLimitSquared(in Query q, double threshold, double rest)
    {
        var kmMax = q.Limit;
        if (threshold >= 0)
        {
            // Score = rest + w_dist × distance (before rounding); distance = 1 − km / limit.
            var wDistance = _distanceWeight;
            var missing = threshold - rest - 1e-9;
            if (missing > 0)
            {
                if (wDistance <= 0)
                {
                    return -1.0;
                }
                kmMax = Math.Min(kmMax, q.Limit * (1.0 - (missing / wDistance)));
            }
        }
        var chord = (kmMax + 1e-9) / (GeoPoint.EarthRadiusKm * (1 - 1e-9));
        return chord < 0 ? -1.0 : chord * chord * (1 + 1e-9);
    }

    /// <summary>The seeker's fields a scan reads, unpacked once per query.</summary>
    private readonly struct Query
    {
        public Query(in SeekerFeatures seeker, int packedAsOf, double limit, double priority, int intentionCount)
        {
            IntentionCount = intentionCount;
            Availability = seeker.Availability;
            PublicWelfareOk = HardFilters.PublicWelfareEligible(seeker.KeyGroups);
            Education = seeker.EducationRank;
            Age = FactorCurves.AgeYears(seeker.PackedBirth, packedAsOf);
            Lat = seeker.Lat;
            Lon = seeker.Lon;
            CosLat = GeoDistance.CosLat(seeker.Lat);
            (X, Y, Z) = GeoDistance.UnitVector(seeker.Lat, seeker.Lon);
            Limit = limit;
            Priority = priority;
            ExpectedPay = seeker.ExpectedPay;
            SkillMask = seeker.Skills.Mask;
            SkillOverflow = seeker.Skills.Overflow;
        }

        public int IntentionCount { get; }

        public WorkKind Availability { get; }
        public bool PublicWelfareOk { get; }
        public byte Education { get; }
        public int Age { get; }
        public double Lat { get; }
        public double Lon { get; }
        public double CosLat { get; }
        public double X { get; }
        public double Y { get; }
        public double Z { get; }
        public double Limit { get; }
        public double Priority { get; }
        public double ExpectedPay { get; }
        public ulong SkillMask { get; }
        public int[] SkillOverflow { get; }
    }
}
