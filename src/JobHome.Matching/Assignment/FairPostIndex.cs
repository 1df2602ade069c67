using JobHome.Domain.Occupations;
using JobHome.Domain.Work;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Assignment;

/// <summary>
/// A read-only snapshot of a fair's posts for bulk top-N queries: the posts with openings, in structure-of-arrays
/// form, sorted by region cell (<see cref="GeoGrid"/>), then occupation group (major × 100 + intermediate), then
/// input position, so that every (cell, group) is one contiguous run of slots. Built once; read by any number of
/// threads.
/// </summary>
internal sealed class FairPostIndex
{
    /// <summary>Entries per cell in <see cref="MajorStart"/>.</summary>
    public const int MajorSlots = 10;

    private readonly Dictionary<int, int> _cellOfKey;

    private FairPostIndex(int count, int cellCount)
    {
        Count = count;
        Input = new int[count];
        Screen = new ScreenFields[count];
        Score = new ScoreFields[count];
        _cellOfKey = new Dictionary<int, int>(cellCount);
    }

    /// <summary>Indexed posts (those with openings).</summary>
    public int Count { get; }

    /// <summary>Skills known to the vocabulary once the posts are encoded (every skill id is below this).</summary>
    public int SkillVocabularySize { get; private set; }

    /// <summary>Input position of each slot.</summary>
    public readonly int[] Input;

    /// <summary>What the first, branch-free pass over a run reads: hard filters and position.</summary>
    public readonly ScreenFields[] Screen;

    /// <summary>What scoring a post that passed the screen reads, in one place (one or two cache lines).</summary>
    public readonly ScoreFields[] Score;

    /// <summary>Per cell: first entry in <see cref="GroupKey"/>; one extra entry at the end.</summary>
    public int[] CellGroupStart { get; private set; } = [];

    /// <summary>Occupation group of each run: major × 100 + intermediate (0 for an empty code).</summary>
    public int[] GroupKey { get; private set; } = [];

    /// <summary>First slot of each run; one extra entry at the end (= <see cref="Count"/>).</summary>
    public int[] GroupStart { get; private set; } = [];

    /// <summary>
    /// Per cell c and major group m (0 = empty code, 1–8): first slot of the major group at <c>c × 10 + m</c>; the cell's
    /// end at <c>c × 10 + 9</c>.
    /// </summary>
    public int[] MajorStart { get; private set; } = [];

    /// <summary>The cell number of a grid key, or −1 when no post lies in that cell.</summary>
    public int CellOf(int key) => _cellOfKey.TryGetValue(key, out var cell) ? cell : -1;

    /// <summary>Encodes the posts with openings (skills are added to <paramref name="vocabulary"/> in input order).</summary>
    public static FairPostIndex Build(IReadOnlyList<MatchPost> posts, SkillVocabulary vocabulary)
    {
        // Ties between equal scores are broken by id ordinal, then input position: one integer rank per post,
        // sorted on another core meanwhile.
        var rankTask = Task.Run(() => RankById(posts));

        var features = new PostFeatures[posts.Count];
        var open = 0;
        for (var i = 0; i < posts.Count; i++)
        {
            if (HardFilters.HasOpenings(posts[i].Openings))
            {
                features[i] = new PostFeatures(posts[i], vocabulary);
                open++;
            }
        }

        // Sort key: cell (23 bits) | group (10 bits) | input position (31 bits).
        var keys = new ulong[open];
        var order = new int[open];
        var n = 0;
        for (var i = 0; i < posts.Count; i++)
        {
            if (HardFilters.HasOpenings(posts[i].Openings))
            {
                ref readonly var f = ref features[i];
                var cell = (ulong)GeoGrid.Key(f.Lat, f.Lon);
                keys[n] = (cell << 41) | ((ulong)OccupationGroup.Of(f.Occupation) << 31) | (uint)i;
                order[n] = i;
                n++;
            }
        }
        Array.Sort(keys, order);

        var cells = 0;
        var groups = 0;
        for (var j = 0; j < open; j++)
        {
            if (j == 0 || (keys[j] >> 41) != (keys[j - 1] >> 41))
            {
                cells++;
            }
            if (j == 0 || (keys[j] >> 31) != (keys[j - 1] >> 31))
            {
                groups++;
            }
        }

        var index = new FairPostIndex(open, cells);
        var cellGroupStart = new int[cells + 1];
        var groupKey = new int[groups];
        var groupStart = new int[groups + 1];
        var c = -1;
        var g = -1;
        for (var j = 0; j < open; j++)
        {
            if (j == 0 || (keys[j] >> 41) != (keys[j - 1] >> 41))
            {
                c++;
                index._cellOfKey.Add((int)(keys[j] >> 41), c);
                cellGroupStart[c] = g + 1;
            }
            if (j == 0 || (keys[j] >> 31) != (keys[j - 1] >> 31))
            {
                g++;
                groupKey[g] = (int)((keys[j] >> 31) & 1023);
                groupStart[g] = j;
            }
            index.Write(j, order[j], in features[order[j]]);
        }
        cellGroupStart[cells] = groups;
        groupStart[groups] = open;
        var majorStart = new int[cells * MajorSlots];
        for (var cell = 0; cell < cells; cell++)
        {
            // Walk the cell's runs backwards so that a major group without posts starts where the next one does.
            var next = groupStart[cellGroupStart[cell + 1]];
            majorStart[(cell * MajorSlots) + 9] = next;
            var run = cellGroupStart[cell + 1] - 1;
            for (var m = 8; m >= 0; m--)
            {
                while (run >= cellGroupStart[cell] && OccupationGroup.Major(groupKey[run]) >= m)
                {
                    next = groupStart[run];
                    run--;
                }
                majorStart[(cell * MajorSlots) + m] = next;
            }
        }
        index.MajorStart = majorStart;
        index.CellGroupStart = cellGroupStart;
        index.GroupKey = groupKey;
        index.GroupStart = groupStart;

        var rank = rankTask.Result;
        for (var slot = 0; slot < open; slot++)
        {
            index.Score[slot].Rank = rank[index.Input[slot]];
        }
        index.SkillVocabularySize = vocabulary.Count;
        return index;
    }

    private static int[] RankById(IReadOnlyList<MatchPost> posts)
    {
        var ids = new string[posts.Count];
        var byId = new int[posts.Count];
        for (var i = 0; i < posts.Count; i++)
        {
            ids[i] = posts[i].Id;
            byId[i] = i;
        }
        Array.Sort(byId, (a, b) => string.CompareOrdinal(ids[a], ids[b]) is var cmp && cmp != 0 ? cmp : a.CompareTo(b));
        var rank = new int[posts.Count];
        for (var r = 0; r < byId.Length; r++)
        {
            rank[byId[r]] = r;
        }
        return rank;
    }

    private void Write(int slot, int input, in PostFeatures f)
    {
        Input[slot] = input;
        var (x, y, z) = GeoDistance.UnitVector(f.Lat, f.Lon);
        Screen[slot] = new ScreenFields(x, y, z, f.Kind, f.MinEducationRank, f.AgeMin, f.AgeMax);
        ref var score = ref Score[slot];
        score.Occupation = OccupationKey.Pack(f.Occupation);
        score.PayMin = f.PayMin;
        score.PayMax = f.PayMax;
        score.SkillMask = f.Skills.Mask;
        score.SkillOverflow = f.Skills.Overflow;
        score.SkillOverflowCount = f.Skills.Overflow.Length;
        score.SkillCount = f.Skills.Count;
        score.Lat = f.Lat;
        score.Lon = f.Lon;
        score.CosLat = GeoDistance.CosLat(f.Lat);
    }

    /// <summary>A post's hard-filter fields and unit-sphere position.</summary>
    internal readonly struct ScreenFields
    {
        public ScreenFields(double unitX, double unitY, double unitZ, WorkKind kind, byte minEducation, int ageMin, int ageMax)
        {
            X = unitX;
            Y = unitY;
            Z = unitZ;
            Kind = kind;
            MinEducation = minEducation;
            AgeMin = ageMin;
            AgeMax = ageMax;
        }

        public readonly double X;
        public readonly double Y;
        public readonly double Z;
        public readonly int AgeMin;
        public readonly int AgeMax;
        public readonly WorkKind Kind;
        public readonly byte MinEducation;
    }

    /// <summary>A post's scoring fields.</summary>
    internal struct ScoreFields
    {
        /// <summary>Occupation code (<see cref="OccupationKey.Pack"/>).</summary>
        public long Occupation;

        /// <summary>Required skills: ids below 64.</summary>
        public ulong SkillMask;

        /// <summary>Lowest offered pay.</summary>
        public double PayMin;

        /// <summary>Highest offered pay.</summary>
        public double PayMax;

        /// <summary>Latitude in degrees.</summary>
        public double Lat;

        /// <summary>Longitude in degrees.</summary>
        public double Lon;

        /// <summary>Cosine of the latitude, as <see cref="GeoDistance.Haversine"/> needs it.</summary>
        public double CosLat;

        /// <summary>Required skills: sorted ids from 64 on.</summary>
        public int[] SkillOverflow;

        /// <summary>Length of <see cref="SkillOverflow"/> (read without touching the array).</summary>
        public int SkillOverflowCount;

        /// <summary>Number of distinct required skills.</summary>
        public int SkillCount;

        /// <summary>Rank by post id ordinal, then input position: ties between equal scores go to the lower rank.</summary>
        public int Rank;
    }
}
