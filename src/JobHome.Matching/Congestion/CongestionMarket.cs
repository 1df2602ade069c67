using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Congestion;

/// <summary>
/// A market snapshot for post lists: the plain candidates of a population of people over an index of posts, and the
/// post prices they imply. Hands out plain or aware lists for people of the population or anyone else.
/// </summary>
public sealed class CongestionMarket
{
    private readonly MatchIndex _index;
    private readonly MatchOptions _options;
    private readonly CandidateTable _table;
    private readonly string[] _postIds;

    private CongestionMarket(MatchIndex index, MatchOptions options, int listLength, CongestionSettings settings,
        CandidateTable table, string[] postIds, PostPrices prices)
    {
        _index = index;
        _options = options;
        ListLength = listLength;
        Settings = settings;
        _table = table;
        _postIds = postIds;
        Prices = prices;
    }

    /// <summary>The list length K.</summary>
    public int ListLength { get; }

    /// <summary>The settings the prices were estimated with.</summary>
    public CongestionSettings Settings { get; }

    /// <summary>The post prices.</summary>
    public PostPrices Prices { get; }

    /// <summary>
    /// Builds the market: each person's plain top-<see cref="CongestionSettings.CandidateDepth"/> eligible posts from
    /// <paramref name="index"/> (posts with free openings only, as the index filters), then the prices.
    /// </summary>
    /// <param name="index">The posts, with their free openings as <see cref="MatchPost.Openings"/>.</param>
    /// <param name="people">The population competing for the posts.</param>
    /// <param name="freeOpenings">Free openings by post id (the same numbers the index holds).</param>
    /// <param name="options">Matching options.</param>
    /// <param name="listLength">K.</param>
    /// <param name="settings">Congestion settings.</param>
    /// <param name="pricingSample">
    /// Prices from at most this many people (<see cref="PricingPopulation.SampleOf"/>, weighted by population ÷ sample), as a
    /// live partition with a bounded <see cref="PricingPopulation"/> prices; every person still gets a list. Null: everyone.
    /// </param>
    public static CongestionMarket Build(MatchIndex index, IReadOnlyList<MatchSeeker> people,
        IReadOnlyDictionary<string, int> freeOpenings, MatchOptions options, int listLength, CongestionSettings settings,
        int? pricingSample = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(freeOpenings);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(listLength, 1);
        settings.Validate();
        var number = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        var free = new List<int>();
        var table = new CandidateTable();
        var rowPosts = new int[settings.CandidateDepth];
        var rowScores = new double[settings.CandidateDepth];
        foreach (var person in people)
        {
            var candidates = index.TopPostsForSeeker(person, settings.CandidateDepth, options);
            for (var i = 0; i < candidates.Count; i++)
            {
                var id = candidates[i].Id;
                if (!number.TryGetValue(id, out var p))
                {
                    number[id] = p = ids.Count;
                    ids.Add(id);
                    free.Add(freeOpenings.TryGetValue(id, out var f) ? Math.Max(0, f) : 0);
                }
                rowPosts[i] = p;
                rowScores[i] = candidates[i].Score;
            }
            table.AddRow(rowPosts.AsSpan(0, candidates.Count), rowScores.AsSpan(0, candidates.Count));
        }
        var prices = pricingSample is { } size && people.Count > size
            ? PostPrices.FromTable(Rows(table, PricingPopulation.SampleOf(people, size)), number, [.. free], listLength, settings,
                people.Count / (double)size)
            : PostPrices.FromTable(table, number, [.. free], listLength, settings);
        return new CongestionMarket(index, options, listLength, settings, table, [.. ids], prices);
    }

    private static CandidateTable Rows(CandidateTable table, int[] rows)
    {
        var sample = new CandidateTable();
        foreach (var row in rows)
        {
            sample.AddRow(table.Posts(row), table.Scores(row));
        }
        return sample;
    }

    /// <summary>A person's list of <see cref="ListLength"/> posts with reasons (the person need not be in the population).</summary>
    public IReadOnlyList<ListedPost> PostList(MatchSeeker person, PostListKind kind)
    {
        ArgumentNullException.ThrowIfNull(person);
        var depth = kind == PostListKind.Plain ? ListLength : Settings.CandidateDepth;
        var candidates = _index.TopPostsForSeeker(person, depth, _options);
        return PostLists.Order(candidates, kind, Prices, ListLength, Settings);
    }

    /// <summary>
    /// The list of the population's person number <paramref name="row"/> without reasons (the simulation's hot path):
    /// writes (post id, score) pairs best first into <paramref name="into"/> and returns how many.
    /// </summary>
    internal int ListOf(int row, PostListKind kind, Span<(string PostId, double Score)> into, Span<int> chosen, Span<double> scratch)
    {
        var posts = _table.Posts(row);
        var scores = _table.Scores(row);
        int n;
        if (kind == PostListKind.Plain)
        {
            n = Math.Min(Math.Min(into.Length, posts.Length), chosen.Length);
            for (var i = 0; i < n; i++)
            {
                chosen[i] = i;
            }
        }
        else
        {
            var k = Math.Min(chosen.Length, into.Length);
            n = CongestionPricer.Select(posts, scores, Prices.Cutoffs, Prices.Crowdings, Prices.Duals, Settings, chosen[..k], scratch);
        }
        for (var r = 0; r < n; r++)
        {
            into[r] = (_postIds[posts[chosen[r]]], scores[chosen[r]]);
        }
        return n;
    }
}
