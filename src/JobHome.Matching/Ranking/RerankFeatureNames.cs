namespace JobHome.Matching.Ranking;

/// <summary>File tokens and words of the re-ranker's features, in <see cref="RerankFeature"/> order.</summary>
public static class RerankFeatureNames
{
    /// <summary>Number of features.</summary>
    public const int Count = 17;

    /// <summary>Number of features of the first model.zip files (before the history match features were appended).</summary>
    public const int FirstVersionCount = 15;

    private static readonly string[] TokenList =
    [
        "occupation_depth", "skills_matched", "skills_share", "pay_ratio", "distance_km", "commute_share", "education_gap",
        "age_margin", "kind", "kinds_taken", "priority", "post_age_days", "post_popularity", "seeker_applications", "linear_score",
        "history_occupation", "history_kind",
    ];

    private static readonly string[] ChineseList =
    [
        "职业匹配", "技能匹配数", "技能覆盖率", "薪酬比", "通勤距离", "通勤占比", "学历差", "年龄限制余量", "工作类型", "可接受工作类型数",
        "重点群体优先", "岗位新鲜度", "岗位热度", "求职投递记录", "综合评分", "投递职业相近度", "投递类型占比",
    ];

    private static readonly string[] EnglishList =
    [
        "occupation match", "skills matched", "skills covered", "pay ratio", "commute distance", "commute share", "education gap",
        "age within post limits", "kind of work", "kinds of work taken", "key-group priority", "post freshness", "post popularity",
        "application history", "linear score", "occupation of past applications", "kind of past applications",
    ];

    /// <summary>The file tokens in <see cref="RerankFeature"/> order.</summary>
    public static IReadOnlyList<string> Tokens => TokenList;

    /// <summary>The Chinese name of a feature.</summary>
    public static string Chinese(RerankFeature feature) => ChineseList[(int)feature];

    /// <summary>The English name of a feature.</summary>
    public static string English(RerankFeature feature) => EnglishList[(int)feature];
}
