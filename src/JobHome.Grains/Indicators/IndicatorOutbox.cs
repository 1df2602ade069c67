using JobHome.Domain.Indicators;
using JobHome.Storage;
using JobHome.Storage.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace JobHome.Grains.Indicators;

/// <summary>
/// A record's outbox for indicator changes (stored with the record, version 1): the version is bumped in the same
/// write as the change. On the embedded store the write itself carries the change's events (<see cref="WriteAsync"/>,
/// a <see cref="StreamOutbox"/>): their queue rows commit in the state's transaction and the state is stored as
/// published, so nothing is left to publish after the write or on reactivation. On other stores, whatever was not yet
/// published is published after the write, on the next command or on reactivation. A record that moves site publishes a
/// zero contribution to the old site. Events go on the stream of the site's township for villages and communities, on
/// the site's own stream otherwise (<see cref="IndicatorStreams.KeyOf"/>, served per silo by
/// <see cref="IndicatorStreamKeys"/>), and name the record's site.
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

    /// <summary>
    /// Writes the record's state (<paramref name="state"/> holds this outbox); when a change is pending the write carries
    /// its events (a <see cref="StreamOutbox"/> for <paramref name="grain"/>). A store that takes them stores this outbox
    /// as published in the same write, and the events commit with it; on any other store nothing is published here:
    /// <see cref="PublishAsync"/> after the write publishes as before. A failed write leaves the change pending.
    /// </summary>
    public async Task WriteAsync<TState>(IPersistentState<TState> state, Grain grain, string sourceId, string? siteCode,
        IndicatorContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(grain);
        if (!Pending)
        {
            await state.WriteStateAsync();
            return;
        }

        var events = await EventsAsync(grain, sourceId, siteCode, contribution);
        var (publishedVersion, publishedSite) = (PublishedVersion, PublishedSiteCode);
        var version = Version;
        using var scope = StreamOutbox.Begin(StorageNames.Streams, grain.GetGrainId(), events, () =>
        {
            PublishedVersion = version;
            PublishedSiteCode = siteCode;
        });
        try
        {
            await state.WriteStateAsync();
        }
        catch when (scope.Outbox.Taken)
        {
            // Not known to be stored (a failed commit may or may not have landed): publish it again later. If it did land,
            // the repeat is dropped (the aggregator keeps the newest version per source). If it did not, the version is
            // published unstored, as before the outbox; a later write of the same version number would then be dropped
            // until a recount (issue 9: known, not new).
            PublishedVersion = publishedVersion;
            PublishedSiteCode = publishedSite;
            throw;
        }
    }

    /// <summary>Publishes the current contribution if pending.</summary>
    public async Task PublishAsync(Grain grain, string sourceId, string? siteCode, IndicatorContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(grain);
        if (!Pending)
        {
            return;
        }
        var streams = grain.GetStreamProvider(StorageNames.Streams);
        foreach (var e in await EventsAsync(grain, sourceId, siteCode, contribution))
        {
            await streams.GetStream<IndicatorChange>(e.Stream).OnNextAsync((IndicatorChange)e.Event);
        }
        PublishedVersion = Version;
        PublishedSiteCode = siteCode;
    }

    // The current version's events: a zero contribution to the site last published to when the record moved, then the
    // contribution to its site (none while it has no site). Each goes on its site's stream key (the township's for a
    // village: a dictionary read per silo after the site's first lookup) and names its site.
    private async ValueTask<List<StreamOutboxEvent>> EventsAsync(Grain grain, string sourceId, string? siteCode,
        IndicatorContribution contribution)
    {
        var keys = ((IGrainBase)grain).GrainContext.ActivationServices.GetRequiredService<IndicatorStreamKeys>();
        var events = new List<StreamOutboxEvent>(2);
        var version = Version;
        if (PublishedSiteCode is { } old && !string.Equals(old, siteCode, StringComparison.Ordinal))
        {
            var key = await keys.KeyOfAsync(old);
            events.Add(new(Stream(key), new IndicatorChange(sourceId, version, default, IndicatorMetrics.NowUnixMs(), old)));
        }
        if (siteCode is not null)
        {
            var key = await keys.KeyOfAsync(siteCode);
            events.Add(new(Stream(key), new IndicatorChange(sourceId, version, contribution, IndicatorMetrics.NowUnixMs(),
                siteCode)));
        }
        return events;
    }

    private static StreamId Stream(string key) => StreamId.Create(IndicatorStreams.Namespace, key);
}
