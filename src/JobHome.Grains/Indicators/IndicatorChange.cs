using JobHome.Domain.Indicators;

namespace JobHome.Grains.Indicators;

/// <summary>
/// A record's contribution to its site's counts as of <see cref="Version"/>. Consumers keep the newest version per
/// source and replace its contribution, so duplicates and reordering (at-least-once streams) change nothing.
/// <see cref="PublishedAtUnixMs"/> is when it was published (0 when unknown), for <see cref="IndicatorMetrics"/> only.
/// <see cref="SiteCode"/> is the record's site when the event travels on another site's stream (a village's or
/// community's records go on their township's stream, <see cref="IndicatorStreams"/>); null means the stream's own site
/// (every event stored before township streams).
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.indicator-change")]
public sealed record IndicatorChange(
    [property: Id(0)] string SourceId,
    [property: Id(1)] long Version,
    [property: Id(2)] IndicatorContribution Contribution,
    [property: Id(3)] long PublishedAtUnixMs = 0,
    [property: Id(4)] string? SiteCode = null);
