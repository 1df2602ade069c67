using System.Text.Json.Serialization;
using JobHome.Matching.Congestion;
using JobHome.Matching.Scoring;

namespace JobHome.Grains.Matching;

/// <summary>
/// One factor of a recommendation: its file token, value, weighted share and the text in Chinese and English. A linear
/// factor (<see cref="Of"/>) and an aware list's congestion reason (<see cref="Congestion"/>) carry the numbers their words
/// are made from, and <see cref="Chinese"/> and <see cref="English"/> make them when read (the HTTP answer, a test): list
/// recomputes, held parts and pushes carry no strings. A re-ranker's reason carries its texts
/// (<see cref="HeldChinese"/>, <see cref="HeldEnglish"/>), as does a factor from a silo of the earlier version (its
/// fields 3 and 4 were the texts; it has no numbers): held texts win.
/// </summary>
/// <remarks>
/// Equality (the partitions' <c>SamePart</c>) compares the numbers and held texts: two views with the same numbers have
/// the same words. The JSON body is the same as when the texts were fields: factor, value, contribution, chinese, english.
/// </remarks>
[GenerateSerializer, Immutable, Alias("jobhome.match-factor")]
public sealed record MatchFactorView
{
    /// <summary>A factor with its texts given (a re-ranker's reason; the JSON body).</summary>
    [JsonConstructor]
    public MatchFactorView(string factor, double value, double contribution, string chinese, string english)
    {
        Factor = factor;
        Value = value;
        Contribution = contribution;
        HeldChinese = chinese;
        HeldEnglish = english;
    }

    private MatchFactorView(string factor, double value, double contribution, double weight, CongestionPlace? place)
    {
        Factor = factor;
        Value = value;
        Contribution = contribution;
        Weight = weight;
        Place = place;
    }

    /// <summary>The file token (<see cref="FactorNames"/>, <c>congestion</c>, or a re-ranker feature's).</summary>
    [Id(0)]
    public string Factor { get; init; }

    /// <summary>The factor's value (a congestion reason's: the penalty).</summary>
    [Id(1)]
    public double Value { get; init; }

    /// <summary>Its share of the score (a congestion reason's: − penalty).</summary>
    [Id(2)]
    public double Contribution { get; init; }

    /// <summary>The Chinese text when given (a re-ranker's reason, or a view from a silo of the earlier version), else null.</summary>
    [Id(3), JsonIgnore]
    public string? HeldChinese { get; init; }

    /// <summary>The English text when given, else null.</summary>
    [Id(4), JsonIgnore]
    public string? HeldEnglish { get; init; }

    /// <summary>A linear factor's model weight (its words show it).</summary>
    [Id(5), JsonIgnore]
    public double Weight { get; init; }

    /// <summary>A congestion reason's place and price terms; null for other factors.</summary>
    [Id(6), JsonIgnore]
    public CongestionPlace? Place { get; init; }

    /// <summary>The Chinese text (made from the numbers on each read unless held).</summary>
    public string Chinese => HeldChinese ?? Words(chinese: true);

    /// <summary>The English text (made from the numbers on each read unless held).</summary>
    public string English => HeldEnglish ?? Words(chinese: false);

    /// <summary>A linear factor of an engine recommendation, as numbers (token from <see cref="FactorNames"/>).</summary>
    public static MatchFactorView Of(FactorContribution factor)
    {
        ArgumentNullException.ThrowIfNull(factor);
        return new MatchFactorView(FactorNames.Token(factor.Factor), factor.Value, factor.Contribution, factor.Weight, null);
    }

    /// <summary>An aware list's congestion reason (value the penalty, contribution − penalty), as numbers.</summary>
    public static MatchFactorView Congestion(ListedReason reason) =>
        new(RankingItems.CongestionToken, reason.Penalty, -reason.Penalty, 0,
            new CongestionPlace(reason.Rank, reason.PlainRank, reason.PerOpening, reason.Dual, reason.Cutoff, reason.Score));

    private string Words(bool chinese)
    {
        if (Place is { } place)
        {
            var reason = place.Reason(Value);
            return chinese ? reason.Chinese : reason.English;
        }
        var tokens = FactorNames.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (string.Equals(tokens[i], Factor, StringComparison.Ordinal))
            {
                return chinese
                    ? FactorContribution.ChineseText((Factor)i, Value, Weight)
                    : FactorContribution.EnglishText((Factor)i, Value, Weight);
            }
        }
        throw new InvalidOperationException($"factor '{Factor}' has neither texts nor the numbers of a known factor");
    }
}

/// <summary>
/// An aware list's congestion reason as numbers (<see cref="ListedReason"/>, its penalty being the view's value): rank,
/// plain rank, applicants per opening, and the dual price, cutoff and score only where the words show them (else 0).
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.congestion-place")]
public sealed record CongestionPlace(
    [property: Id(0)] int Rank,
    [property: Id(1)] int PlainRank,
    [property: Id(2)] double PerOpening,
    [property: Id(3)] double Dual,
    [property: Id(4)] double Cutoff,
    [property: Id(5)] double Score)
{
    /// <summary>The reason with <paramref name="penalty"/>: what its words are made from.</summary>
    public ListedReason Reason(double penalty) =>
        new(PostListKind.Aware, Rank, PlainRank, penalty, PerOpening, Dual, Cutoff, Score);
}
