namespace JobHome.Grains.Posts;

/// <summary>Stored state of a post (version 1): its profile, whether closed and the placements holding its openings.</summary>
[GenerateSerializer, Alias("jobhome.post-state.v1")]
public sealed class PostState
{
    /// <summary>The profile, null until opened.</summary>
    [Id(0)]
    public PostProfile? Profile { get; set; }

    /// <summary>True once closed.</summary>
    [Id(1)]
    public bool Closed { get; set; }

    /// <summary>Ids of the placements that took an opening (taking is idempotent per placement; ending one keeps it).</summary>
    [Id(2)]
    public List<string> TakenBy { get; set; } = [];
    /// <summary>The record's indicator outbox.</summary>
    [Id(3)]
    public Indicators.IndicatorOutbox Indicators { get; set; } = new();

    /// <summary>The match partition holding the post's features (null while not open); set in the write that changes them.</summary>
    [Id(4)]
    public string? MatchPartition { get; set; }

    /// <summary>
    /// The server's date (configured zone) the post was first opened, or posts.csv's <c>opened</c> for an imported post; a
    /// correction keeps it. Null for a post stored before the date was kept (its freshness is counted from the day a
    /// partition first indexed it, as before).
    /// </summary>
    [Id(5)]
    public DateOnly? Opened { get; set; }

    /// <summary>
    /// The match cell the site's directory lists the post as active in, as of the post's last directory call (null: none,
    /// or not known, as for a post stored before the listings; see <c>SiteDirectoryGrain.Cells</c>).
    /// </summary>
    [Id(6)]
    public string? ListedCell { get; set; }
}
