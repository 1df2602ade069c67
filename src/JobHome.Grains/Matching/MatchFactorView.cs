namespace JobHome.Grains.Matching;

/// <summary>One factor of a recommendation: its file token, value, weighted share and the text in Chinese and English.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.match-factor")]
public sealed record MatchFactorView(
    [property: Id(0)] string Factor,
    [property: Id(1)] double Value,
    [property: Id(2)] double Contribution,
    [property: Id(3)] string Chinese,
    [property: Id(4)] string English);
