namespace JobHome.Matching.Scoring;

/// <summary>The names of the factors in files and in words, in <see cref="Factor"/> order: the one list every layer reads.</summary>
public static class FactorNames
{
    private static readonly string[] TokenList = ["occupation", "skills", "pay", "distance", "priority"];
    private static readonly string[] ChineseList = ["职业匹配", "技能匹配", "薪酬匹配", "通勤距离", "重点群体优先"];
    private static readonly string[] EnglishList =
        ["occupation match", "skills covered", "pay fit", "commute distance", "key-group priority"];

    /// <summary>The lower-case file tokens (JSON fields, CSV columns) in <see cref="Factor"/> order.</summary>
    public static IReadOnlyList<string> Tokens => TokenList;

    /// <summary>The lower-case file token of a factor, e.g. <c>occupation</c>.</summary>
    public static string Token(Factor factor) => TokenList[Index(factor)];

    /// <summary>The Chinese name of a factor, e.g. <c>职业匹配</c>.</summary>
    public static string Chinese(Factor factor) => ChineseList[Index(factor)];

    /// <summary>The English name of a factor, e.g. <c>occupation match</c>.</summary>
    public static string English(Factor factor) => EnglishList[Index(factor)];

    private static int Index(Factor factor) => (uint)factor < (uint)TokenList.Length
        ? (int)factor
        : throw new ArgumentOutOfRangeException(nameof(factor), factor, "unknown factor");
}
