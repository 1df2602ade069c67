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

    /// <summary>The record grain behind <paramref name="sourceId"/>, asked as an indicator source.</summary>
    public static IIndicatorSourceGrain Grain(IGrainFactory grains, string sourceId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        var slash = sourceId.IndexOf('/', StringComparison.Ordinal);
        var key = slash < 0 ? string.Empty : sourceId[(slash + 1)..];
        return (slash < 0 ? string.Empty : sourceId[..slash]) switch
        {
            Seeker => grains.GetGrain<People.ISeekerGrain>(key).AsReference<IIndicatorSourceGrain>(),
            Household => grains.GetGrain<People.IHouseholdGrain>(key).AsReference<IIndicatorSourceGrain>(),
            Post => grains.GetGrain<Posts.IPostGrain>(key).AsReference<IIndicatorSourceGrain>(),
            _ => throw new ArgumentException($"Unknown indicator source kind in '{sourceId}'.", nameof(sourceId)),
        };
    }
}
