namespace JobHome.Cluster.TestHost;

/// <summary>
/// Silences one site's aggregator towards its parent, for the re-ask tests: <c>--drop-child-reports SITE</c> drops every
/// <c>ReportChildAsync</c> / <c>ReportChildTotalsAsync</c> the site's aggregator sends (its parent never hears of it),
/// and <c>--drop-report-asks SITE:N</c>
/// drops the first N <c>ReportNowAsync</c> asks sent to it (<c>SITE:all</c> every one), before the call leaves the caller, so
/// the site is not even activated. Each dropped or passed call is printed (<c>DROPPED-REPORT</c>, <c>ASK … dropped|sent</c>)
/// so the test can count them.
/// </summary>
public sealed class SiteReportFilter(string? silencedReporter, string? askedSite, int asksToDrop) : IOutgoingGrainCallFilter
{
    private int _asks;

    /// <summary>Parses the two arguments (either may be null); null when neither is given.</summary>
    public static SiteReportFilter? Parse(string? dropChildReports, string? dropReportAsks)
    {
        if (dropChildReports is null && dropReportAsks is null)
        {
            return null;
        }
        if (dropReportAsks is null)
        {
            return new SiteReportFilter(dropChildReports, null, 0);
        }
        var colon = dropReportAsks.LastIndexOf(':');
        var count = colon <= 0 ? null : dropReportAsks[(colon + 1)..];
        if (count is null || (count != "all" && !int.TryParse(count, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            throw new ArgumentException($"--drop-report-asks wants SITE:N or SITE:all, got '{dropReportAsks}'.", nameof(dropReportAsks));
        }
        var drop = count == "all" ? int.MaxValue : int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
        return new SiteReportFilter(dropChildReports, dropReportAsks[..colon], drop);
    }

    /// <inheritdoc />
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InterfaceName.EndsWith("ISiteIndicatorsGrain", StringComparison.Ordinal))
        {
            if (context.MethodName.StartsWith("ReportChild", StringComparison.Ordinal) && silencedReporter is not null
                && context.SourceId is { } source && source.Key.ToString() == silencedReporter)
            {
                Console.WriteLine($"DROPPED-REPORT {silencedReporter}");
                return;
            }
            if (context.MethodName == "ReportNowAsync" && askedSite is not null && context.TargetId.Key.ToString() == askedSite)
            {
                var n = Interlocked.Increment(ref _asks);
                var dropped = n <= asksToDrop;
                Console.WriteLine($"ASK {askedSite} {n} {(dropped ? "dropped" : "sent")}");
                if (dropped)
                {
                    return;
                }
            }
        }
        await context.Invoke();
    }
}
