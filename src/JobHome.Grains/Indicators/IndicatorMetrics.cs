using System.Diagnostics.Metrics;

namespace JobHome.Grains.Indicators;

/// <summary>
/// Where a change waits on its way up (meter <see cref="MeterName"/>, milliseconds): <see cref="StreamLagName"/> from the
/// record's publish to its aggregator's stored apply (the stream's queue, poll and delivery, the shard write),
/// <see cref="HoldName"/> from the oldest unreported change of a site to its report (the flush period's coalescing; tag
/// <c>tier</c>), and <see cref="ReportCallName"/> the report call itself (the parent's apply and, on its leading edge, the
/// chain of calls above it; tag <c>tier</c> of the sender); and the counter <see cref="RepeatsName"/>, delivered changes an
/// aggregator already held (a version it had applied: a record re-publishing after its reactivation, or a redelivery).
/// Read them with <c>dotnet-counters</c> or an exporter.
/// </summary>
public static class IndicatorMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "JobHome.Grains.Indicators";

    /// <summary>The stream lag histogram's name.</summary>
    public const string StreamLagName = "jobhome.indicators.stream_lag";

    /// <summary>The hold histogram's name.</summary>
    public const string HoldName = "jobhome.indicators.hold";

    /// <summary>The report call histogram's name.</summary>
    public const string ReportCallName = "jobhome.indicators.report_call";

    /// <summary>The repeats counter's name.</summary>
    public const string RepeatsName = "jobhome.indicators.repeats";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Repeats = Meter.CreateCounter<long>(RepeatsName, "{change}",
        "Delivered indicator changes whose version the aggregator already held (published or delivered again)");

    private static readonly Histogram<double> StreamLag = Meter.CreateHistogram<double>(StreamLagName, "ms",
        "Time from a record's publish of an indicator change to its aggregator's stored apply");

    private static readonly Histogram<double> Hold = Meter.CreateHistogram<double>(HoldName, "ms",
        "Time from the oldest unreported change of a site's aggregator to its report to the parent");

    private static readonly Histogram<double> ReportCall = Meter.CreateHistogram<double>(ReportCallName, "ms",
        "Duration of an aggregator's report call to its parent");

    /// <summary>Unix milliseconds now (wall clock: publisher and aggregator may live in different silos).</summary>
    public static long NowUnixMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Records a change published at <paramref name="publishedAtUnixMs"/> (0: unknown, not recorded) applied now.</summary>
    internal static void RecordStreamLag(long publishedAtUnixMs)
    {
        if (publishedAtUnixMs > 0 && StreamLag.Enabled)
        {
            StreamLag.Record(NowUnixMs() - publishedAtUnixMs);
        }
    }

    /// <summary>Counts <paramref name="count"/> delivered changes that were repeats.</summary>
    internal static void RecordRepeats(int count)
    {
        if (count > 0 && Repeats.Enabled)
        {
            Repeats.Add(count);
        }
    }

    /// <summary>Records a report held for <paramref name="heldMs"/> at a site of tier <paramref name="tier"/>.</summary>
    internal static void RecordHold(double heldMs, KeyValuePair<string, object?> tier)
    {
        if (Hold.Enabled)
        {
            Hold.Record(heldMs, tier);
        }
    }

    /// <summary>Records a report call of <paramref name="ms"/> from a site of tier <paramref name="tier"/>.</summary>
    internal static void RecordReportCall(double ms, KeyValuePair<string, object?> tier)
    {
        if (ReportCall.Enabled)
        {
            ReportCall.Record(ms, tier);
        }
    }
}
