namespace JobHome.Grains.Indicators;

/// <summary>The records an aggregator holds entries for (<c>kind/key</c>, ordinal order) and each entry's version.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.recount-held-sources")]
public sealed record RecountHeldSources([property: Id(0)] string[] Ids, [property: Id(1)] long[] Versions);
