namespace JobHome.Grains.Posts;

/// <summary>
/// A post with its openings taken, whether it is closed, full or open, and the date it opened (null: stored before the
/// date was kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.post-view")]
public sealed record PostView(
    [property: Id(0)] string Id,
    [property: Id(1)] PostProfile Profile,
    [property: Id(2)] int Taken,
    [property: Id(3)] bool Closed,
    [property: Id(4)] DateOnly? Opened = null)
{
    /// <summary>Every opening is taken.</summary>
    public bool Full => Taken >= Profile.Openings;

    /// <summary>Neither closed nor full.</summary>
    public bool Open => Domain.Indicators.IndicatorDefinitions.PostOpen(Profile.Openings, Taken, Closed);
}
