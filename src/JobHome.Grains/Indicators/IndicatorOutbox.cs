using JobHome.Domain.Indicators;
using Orleans.Streams;

namespace JobHome.Grains.Indicators;

/// <summary>
/// A record's outbox for indicator changes (stored with the record, version 1): the version is bumped in the same
/// write as the change, and whatever was not yet published is published after the write, on the next command or on
/// reactivation. A record that moves site publishes a zero contribution to the old site.
/// </summary>
[GenerateSerializer, Alias("jobhome.indicator-outbox.v1")]
public sealed class IndicatorOutbox
{
    /// <summary>The version of the record's current contribution.</summary>
    [Id(0)]
    public long Version { get; set; }

    /// <summary>The last version published.</summary>
    [Id(1)]
    public long PublishedVersion { get; set; }

    /// <summary>The site the last version went to.</summary>
    [Id(2)]
    public string? PublishedSiteCode { get; set; }

    /// <summary>True when the current version is not yet published.</summary>
    public bool Pending => PublishedVersion < Version;

    /// <summary>Marks a change to publish (call before the state write).</summary>
    public void Bump() => Version++;

    /// <summary>Publishes the current contribution if pending.</summary>
    public async Task PublishAsync(IStreamProvider streams, string sourceId, string? siteCode, IndicatorContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (!Pending)
        {
            return;
        }
        var now = IndicatorMetrics.NowUnixMs();
        if (PublishedSiteCode is { } old && !string.Equals(old, siteCode, StringComparison.Ordinal))
        {
            await Stream(streams, old).OnNextAsync(new IndicatorChange(sourceId, Version, default, now));
        }
        if (siteCode is not null)
        {
            await Stream(streams, siteCode).OnNextAsync(new IndicatorChange(sourceId, Version, contribution, now));
        }
        PublishedVersion = Version;
        PublishedSiteCode = siteCode;
    }

    private static IAsyncStream<IndicatorChange> Stream(IStreamProvider streams, string siteCode) =>
        streams.GetStream<IndicatorChange>(StreamId.Create(IndicatorStreams.Namespace, siteCode));
}
