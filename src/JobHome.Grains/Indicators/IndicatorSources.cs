namespace JobHome.Grains.Indicators;

/// <summary>The kinds of record in an indicator source id (<c>kind/key</c>).</summary>
public static class IndicatorSources
{
    /// <summary>A seeker (person at their registering site).</summary>
    public const string Seeker = "seeker";

    /// <summary>A household.</summary>
    public const string Household = "household";

    /// <summary>A post.</summary>
    public const string Post = "post";

    /// <summary>The source id of record <paramref name="key"/> of <paramref name="kind"/>.</summary>
    public static string Id(string kind, string key) => kind + "/" + key;
}
