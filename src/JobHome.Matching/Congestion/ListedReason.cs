using System.Globalization;
using System.Runtime.CompilerServices;

namespace JobHome.Matching.Congestion;

/// <summary>
/// The numbers a post's place on a list is worded from (<see cref="Chinese"/>, <see cref="English"/>, made when read): its
/// rank and plain rank, the penalty, the expected applicants per opening, and only the terms the words show: the dual price
/// when it is shown (else 0), the cutoff and the person's score when the cutoff is shown (else both 0). Two reasons with the
/// same numbers have the same words.
/// </summary>
/// <param name="Kind">The list's kind (a plain list's reason is always the same words).</param>
/// <param name="Rank">1-based position on the list.</param>
/// <param name="PlainRank">1-based position among the plain candidates.</param>
/// <param name="Penalty">The congestion penalty (shown when positive).</param>
/// <param name="PerOpening">Expected applications per free opening.</param>
/// <param name="Dual">The post's dual price when shown (the settings price it and it is positive), else 0.</param>
/// <param name="Cutoff">The expected hiring cutoff when shown (the settings weigh it and it is above the score), else 0.</param>
/// <param name="Score">The person's score when the cutoff is shown, else 0.</param>
public readonly record struct ListedReason(
    PostListKind Kind,
    int Rank,
    int PlainRank,
    double Penalty,
    double PerOpening,
    double Dual,
    double Cutoff,
    double Score)
{
    /// <summary>A plain list's reason, in Chinese.</summary>
    public const string PlainChinese = "按匹配得分排序";

    /// <summary>A plain list's reason, in English.</summary>
    public const string PlainEnglish = "ordered by match score";

    /// <summary>True when the words name the dual price.</summary>
    public bool ShowsDual => Dual > 0;

    /// <summary>True when the words name the cutoff above the person's score.</summary>
    public bool ShowsCutoff => Cutoff > Score;

    /// <summary>The reason of a post at <paramref name="rank"/> (plain rank <paramref name="plainRank"/>) for a person
    /// scoring <paramref name="score"/>, with the post's price terms under <paramref name="settings"/>.</summary>
    internal static ListedReason Of(PostListKind kind, int rank, int plainRank, double score, ListedPrice price,
        CongestionSettings settings)
    {
        var cutoff = settings.Strength > 0 && price.Cutoff > score;
        return new ListedReason(kind, rank, plainRank, price.Penalty, price.PerOpening,
            settings.Dual > 0 && price.Dual > 0 ? price.Dual : 0,
            cutoff ? price.Cutoff : 0,
            cutoff ? score : 0);
    }

    /// <summary>Why the post sits here, in Chinese (written in one pass on each read).</summary>
    public string Chinese
    {
        get
        {
            if (Kind == PostListKind.Plain)
            {
                return PlainChinese;
            }
            var zh = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[160]);
            var move = Rank.CompareTo(PlainRank);
            if (move == 0)
            {
                zh.AppendLiteral("位置未变");
            }
            else
            {
                zh.AppendLiteral("从第");
                zh.AppendFormatted(PlainRank);
                zh.AppendLiteral(move > 0 ? "位下调至第" : "位上调至第");
                zh.AppendFormatted(Rank);
                zh.AppendLiteral("位");
            }
            zh.AppendLiteral("：");
            if (Penalty > 0)
            {
                zh.AppendLiteral("竞争扣减");
                zh.AppendFormatted(Penalty, "0.00");
            }
            else
            {
                zh.AppendLiteral("无竞争扣减");
            }
            zh.AppendLiteral("（每个空缺预计");
            zh.AppendFormatted(PerOpening, "0.0");
            zh.AppendLiteral("人投递");
            if (ShowsDual)
            {
                zh.AppendLiteral("，竞争价");
                zh.AppendFormatted(Dual, "0.00");
            }
            if (ShowsCutoff)
            {
                zh.AppendLiteral("，预计录用分数线");
                zh.AppendFormatted(Cutoff, "0.00");
                zh.AppendLiteral("高于本人得分");
                zh.AppendFormatted(Score, "0.00");
            }
            zh.AppendLiteral("）");
            return zh.ToStringAndClear();
        }
    }

    /// <summary>Why the post sits here, in English (written in one pass on each read).</summary>
    public string English
    {
        get
        {
            if (Kind == PostListKind.Plain)
            {
                return PlainEnglish;
            }
            var en = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
            var move = Rank.CompareTo(PlainRank);
            if (move == 0)
            {
                en.AppendLiteral("position unchanged");
            }
            else
            {
                en.AppendLiteral(move > 0 ? "moved down from " : "moved up from ");
                en.AppendFormatted(PlainRank);
                en.AppendLiteral(" to ");
                en.AppendFormatted(Rank);
            }
            en.AppendLiteral(": ");
            if (Penalty > 0)
            {
                en.AppendLiteral("congestion penalty ");
                en.AppendFormatted(Penalty, "0.00");
            }
            else
            {
                en.AppendLiteral("no congestion penalty");
            }
            en.AppendLiteral(" (");
            en.AppendFormatted(PerOpening, "0.0");
            en.AppendLiteral(" expected applicants per opening");
            if (ShowsDual)
            {
                en.AppendLiteral(", market price ");
                en.AppendFormatted(Dual, "0.00");
            }
            if (ShowsCutoff)
            {
                en.AppendLiteral(", expected hiring cutoff ");
                en.AppendFormatted(Cutoff, "0.00");
                en.AppendLiteral(" above your score ");
                en.AppendFormatted(Score, "0.00");
            }
            en.AppendLiteral(")");
            return en.ToStringAndClear();
        }
    }
}
