using System.Text.Json.Serialization;
using JobHome.Matching.Congestion;
using JobHome.Matching.Scoring;

namespace JobHome.Grains.Matching;

/// <summary>
/// One factor of a recommendation: its file token, value, weighted share and the text in Chinese and English. A linear
/// factor (<see cref="Of(FactorContribution)"/>) and an aware list's congestion reason (<see cref="Congestion"/>) carry the numbers their words
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
    // The linear views shared by Of (a slot per hash of the numbers, SharedPerFactor slots per factor).
    private const int SharedBits = 9;
    private const int SharedPerFactor = 1 << SharedBits;
    private static readonly MatchFactorView?[] s_shared = new MatchFactorView?[FactorVector.Count * SharedPerFactor];

    // The congestion reasons shared by Congestion and Alone, each as the one-factor array an unexplained item carries (a slot
    // per hash of the numbers). With the default settings a reason reads only the post's price terms and its two ranks, so
    // the seekers of a partition mostly word the same few places.
    private const int ReasonBits = 13;
    private static readonly MatchFactorView[]?[] s_reasons = new MatchFactorView[]?[1 << ReasonBits];

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
        return Of(factor.Factor, factor.Value, factor.Contribution, factor.Weight);
    }

    /// <summary>
    /// A linear factor from its numbers (<see cref="Scorer.Order"/>): the view <see cref="Of(FactorContribution)"/> gives for
    /// the <see cref="FactorContribution"/> of the same factor, value, contribution and weight, without that object.
    /// </summary>
    /// <remarks>
    /// Views of the same numbers are one object where a small table per factor still holds it (most factors take a few
    /// values: occupation, skills, priority, pay steps): the held lists keep fewer objects. The table is written without a
    /// lock; a view is immutable and read only after its numbers are compared, so a race costs a new view, never a wrong one.
    /// </remarks>
    public static MatchFactorView Of(Factor factor, double value, double contribution, double weight)
    {
        var v = BitConverter.DoubleToInt64Bits(value);
        var c = BitConverter.DoubleToInt64Bits(contribution);
        var w = BitConverter.DoubleToInt64Bits(weight);
        var hash = (ulong)(v ^ (c * 31) ^ (w * 1_000_003)) * 0x9E3779B97F4A7C15UL;
        var at = ((int)factor * SharedPerFactor) + (int)(hash >> (64 - SharedBits));
        if ((uint)at < (uint)s_shared.Length && s_shared[at] is { } held && held.Place is null && held.HeldChinese is null
            && BitConverter.DoubleToInt64Bits(held.Value) == v && BitConverter.DoubleToInt64Bits(held.Contribution) == c
            && BitConverter.DoubleToInt64Bits(held.Weight) == w)
        {
            return held;
        }
        var view = new MatchFactorView(FactorNames.Token(factor), value, contribution, weight, null);
        if ((uint)at < (uint)s_shared.Length)
        {
            s_shared[at] = view;
        }
        return view;
    }

    /// <summary>An aware list's congestion reason (value the penalty, contribution − penalty), as numbers.</summary>
    /// <remarks>
    /// Reasons of the same numbers are one object while a small table still holds it (<see cref="Alone"/>): a recompute
    /// that moves the posts of a list mostly words places other seekers' lists word already. Written without a lock, as
    /// <see cref="Of(Factor, double, double, double)"/>'s table: a race costs a new view, never a wrong one.
    /// </remarks>
    public static MatchFactorView Congestion(ListedReason reason)
    {
        var at = ReasonSlot(reason.Rank, reason.PlainRank, reason.Penalty, reason.PerOpening, reason.Dual, reason.Cutoff,
            reason.Score);
        if (s_reasons[at] is { } held && held[0].Place is { } place && SameReason(held[0], place, reason))
        {
            return held[0];
        }
        var view = new MatchFactorView(RankingItems.CongestionToken, reason.Penalty, -reason.Penalty, 0,
            new CongestionPlace(reason.Rank, reason.PlainRank, reason.PerOpening, reason.Dual, reason.Cutoff, reason.Score));
        s_reasons[at] = [view];
        return view;
    }

    /// <summary>
    /// The factors of an item that carries <paramref name="view"/> alone: <c>[view]</c>, for a congestion reason the array the
    /// table shares for its numbers (never written: an item's factors are read only). Its one view may be another object
    /// of the same numbers (equal, with the same words).
    /// </summary>
    public static MatchFactorView[] Alone(MatchFactorView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Place is not { } place || !IsMadeReason(view))
        {
            return [view];
        }
        var at = ReasonSlot(place.Rank, place.PlainRank, view.Value, place.PerOpening, place.Dual, place.Cutoff, place.Score);
        if (s_reasons[at] is { } held && (ReferenceEquals(held[0], view) || SameReason(held[0], view)))
        {
            return held;
        }
        MatchFactorView[] alone = [view];
        s_reasons[at] = alone;
        return alone;
    }

    private static int ReasonSlot(int rank, int plainRank, double penalty, double perOpening, double dual, double cutoff,
        double score)
    {
        var hash = (ulong)(uint)rank * 0x9E3779B97F4A7C15UL;
        hash = (hash ^ (uint)plainRank ^ (ulong)BitConverter.DoubleToInt64Bits(penalty)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(perOpening)) * 0x94D049BB133111EBUL;
        hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(dual)) * 0x9E3779B97F4A7C15UL;
        hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(cutoff) ^ ((ulong)BitConverter.DoubleToInt64Bits(score) << 1))
            * 0xBF58476D1CE4E5B9UL;
        return (int)(hash >> (64 - ReasonBits));
    }

    // A view as Congestion makes it (only such views enter the table, so one is known by its place and penalty).
    private static bool IsMadeReason(MatchFactorView view) =>
        view.Place is not null && view.HeldChinese is null && view.HeldEnglish is null && Bits(view.Weight) == 0
        && Bits(view.Contribution) == Bits(-view.Value)
        && string.Equals(view.Factor, RankingItems.CongestionToken, StringComparison.Ordinal);

    // The numbers compared bit for bit (a made reason's words come from them alone).
    private static bool SameReason(MatchFactorView held, CongestionPlace place, ListedReason reason) =>
        place.Rank == reason.Rank && place.PlainRank == reason.PlainRank && Bits(held.Value) == Bits(reason.Penalty)
        && Bits(place.PerOpening) == Bits(reason.PerOpening) && Bits(place.Dual) == Bits(reason.Dual)
        && Bits(place.Cutoff) == Bits(reason.Cutoff) && Bits(place.Score) == Bits(reason.Score);

    private static bool SameReason(MatchFactorView held, MatchFactorView view) =>
        view.Place is { } b && held.Place is { } a && a.Rank == b.Rank && a.PlainRank == b.PlainRank
        && Bits(held.Value) == Bits(view.Value) && Bits(a.PerOpening) == Bits(b.PerOpening) && Bits(a.Dual) == Bits(b.Dual)
        && Bits(a.Cutoff) == Bits(b.Cutoff) && Bits(a.Score) == Bits(b.Score);

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

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
