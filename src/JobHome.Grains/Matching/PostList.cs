namespace JobHome.Grains.Matching;

/// <summary>A seeker's post list (求职推荐岗位): the best posts, best first, as of a date.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.post-list")]
public sealed record PostList(
    [property: Id(0)] string SeekerId,
    [property: Id(1)] DateOnly AsOf,
    [property: Id(2)] MatchItem[] Items);
