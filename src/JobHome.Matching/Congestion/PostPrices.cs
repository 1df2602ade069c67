namespace JobHome.Matching.Congestion;

/// <summary>
/// Each post's congestion price: the expected hiring cutoff (预计录用分数线, the score of the expected last hire; 0 when the
/// expected applications do not fill the free openings) and the expected applications per free opening.
/// </summary>
public sealed class PostPrices
{
    private readonly Dictionary<string, int> _number;
    private readonly int[] _free;

    internal PostPrices(Dictionary<string, int> number, int[] free, double[] cutoffs, double[] crowding, double[] duals, double[] demand)
    {
        Crowdings = crowding;
        Duals = duals;
        _number = number;
        _free = free;
        Cutoffs = cutoffs;
        Demand = demand;
    }

    /// <summary>Posts priced.</summary>
    public int Count => _free.Length;

    internal double[] Cutoffs { get; }

    internal double[] Demand { get; }

    internal double[] Crowdings { get; }

    internal double[] Duals { get; }

    /// <summary>A post's dual price (score units, ≥ 0; 0 unless <see cref="CongestionSettings.Dual"/> &gt; 0 or not priced).</summary>
    public double DualPrice(string postId) => _number.TryGetValue(postId, out var p) ? Duals[p] : 0;

    /// <summary>The crowding of a post in [0, 1): expected share of its applications turned away; 0 for a post not priced.</summary>
    public double Crowding(string postId) => _number.TryGetValue(postId, out var p) ? Crowdings[p] : 0;

    /// <summary>The expected hiring cutoff of a post in [0, 1]; 0 for a post not priced.</summary>
    public double Cutoff(string postId) => _number.TryGetValue(postId, out var p) ? Cutoffs[p] : 0;

    /// <summary>Expected applications (sum of apply probabilities by list rank) of a post; 0 for a post not priced.</summary>
    public double ExpectedApplications(string postId) => _number.TryGetValue(postId, out var p) ? Demand[p] : 0;

    /// <summary>Expected applications per free opening; 0 for a post not priced or without free openings.</summary>
    public double ApplicantsPerOpening(string postId) =>
        _number.TryGetValue(postId, out var p) && _free[p] > 0 ? Demand[p] / _free[p] : 0;

    /// <summary>
    /// Prices posts from every person's plain candidates (best first, eligible posts only, as
    /// <see cref="Index.MatchIndex.TopPostsForSeeker"/> returns them) and the posts' free openings.
    /// </summary>
    /// <param name="candidates">One plain candidate list per person (at most <see cref="CongestionSettings.CandidateDepth"/> used).</param>
    /// <param name="freeOpenings">Free openings by post id; a candidate post missing here counts as 0 free openings.</param>
    /// <param name="listLength">The length K of the lists people see.</param>
    /// <param name="settings">Depth, strength, iterations, damping.</param>
    /// <param name="weight">
    /// How many people each list stands for (≥ 1): population ÷ sample when the lists are a <see cref="PricingPopulation"/>'s.
    /// Expected applications are scaled by it; the dual prices come from the assignment of the lists each repeated about
    /// <paramref name="weight"/> times (floor(weight + u) with a fixed draw u per list, so the expected count is exact) against
    /// the free openings: a transient table as large as the population's, but no person's record is needed for it.
    /// </param>
    public static PostPrices Estimate(IEnumerable<IReadOnlyList<Scoring.Recommendation>> candidates,
        IReadOnlyDictionary<string, int> freeOpenings, int listLength, CongestionSettings settings, double weight = 1)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(freeOpenings);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(listLength, 1);
        settings.Validate();
        var number = new Dictionary<string, int>(StringComparer.Ordinal);
        var freeList = new List<int>();
        var table = new CandidateTable();
        var rowPosts = new List<int>();
        var rowScores = new List<double>();
        foreach (var list in candidates)
        {
            rowPosts.Clear();
            rowScores.Clear();
            foreach (var candidate in list.Take(settings.CandidateDepth))
            {
                if (!number.TryGetValue(candidate.Id, out var p))
                {
                    number[candidate.Id] = p = freeList.Count;
                    freeList.Add(freeOpenings.TryGetValue(candidate.Id, out var f) ? Math.Max(0, f) : 0);
                }
                rowPosts.Add(p);
                rowScores.Add(candidate.Score);
            }
            table.AddRow(rowPosts.ToArray(), rowScores.ToArray());
        }
        return FromTable(table, number, freeList.ToArray(), listLength, settings, weight);
    }

    internal static PostPrices FromTable(CandidateTable table, Dictionary<string, int> number, int[] free, int listLength,
        CongestionSettings settings, double weight = 1)
    {
        if (!double.IsFinite(weight) || weight < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "weight (population ÷ sample) must be a finite number ≥ 1");
        }
        var cutoffs = new double[free.Length];
        var crowding = new double[free.Length];
        var duals = new double[free.Length];
        var demand = new double[free.Length];
        var dualTable = weight > 1 && settings.Dual > 0 ? Repeated(table, weight) : table;
        CongestionPricer.Estimate(table, dualTable, free, weight, Math.Min(listLength, settings.CandidateDepth), settings, cutoffs,
            crowding, duals, demand);
        return new PostPrices(number, free, cutoffs, crowding, duals, demand);
    }

    // Each row floor(weight + u) times, u a fixed draw in [0, 1) per row (SplitMix64 of the row number).
    private static CandidateTable Repeated(CandidateTable table, double weight)
    {
        var repeated = new CandidateTable();
        for (var row = 0; row < table.Rows; row++)
        {
            var x = (ulong)row * 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            var u = ((x ^ (x >> 31)) >> 11) * (1.0 / (1UL << 53));
            var times = (int)Math.Floor(weight + u);
            for (var t = 0; t < times; t++)
            {
                repeated.AddRow(table.Posts(row), table.Scores(row));
            }
        }
        return repeated;
    }
}
