using JobHome.Matching.Scoring;

namespace JobHome.Cli.Model;

/// <summary>File tokens and Chinese names of the score factors, as used in CSV and model files.</summary>
internal static class FactorText
{
    private static readonly string[] Chinese = ["职业匹配", "技能匹配", "薪酬匹配", "通勤距离", "重点群体优先"];

    /// <summary>The lower-case token (<c>occupation</c>, <c>skills</c>, <c>pay</c>, <c>distance</c>, <c>priority</c>).</summary>
    public static string Token(Factor factor) => factor.ToString().ToLowerInvariant();

    /// <summary>The Chinese name.</summary>
    public static string ChineseName(Factor factor) => Chinese[(int)factor];
}
