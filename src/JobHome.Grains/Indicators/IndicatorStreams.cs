using System.Collections.Concurrent;
using JobHome.Domain.Sites;
using JobHome.Grains.Sites;

namespace JobHome.Grains.Indicators;

/// <summary>
/// The streams that carry record changes to the aggregators. A village's or community's records go on its township's
/// stream (the township's aggregator keeps their entries and serves the village's indicators); every other site's records
/// go on the site's own stream. A site's kind and parent cannot change after registration, so the stream a site's
/// records go to never changes either (<see cref="IndicatorStreamKeys"/> caches it per silo).
/// </summary>
public static class IndicatorStreams
{
    /// <summary>The stream namespace; the stream key is a site code (the aggregator subscribes implicitly).</summary>
    public const string Namespace = "indicator-changes";

    /// <summary>The stream key for the records of a site of <paramref name="kind"/> with <paramref name="parentCode"/>.</summary>
    public static string KeyOf(string siteCode, SiteKind kind, string? parentCode) =>
        kind.IsGrassroots() && !string.IsNullOrEmpty(parentCode) ? parentCode : siteCode;

    /// <summary>True when a site of <paramref name="kind"/> holds the entries of its children (a township).</summary>
    public static bool HostsChildren(SiteKind kind) => kind == SiteKind.Township;
}

/// <summary>
/// Per silo: the stream key of each site's records (<see cref="IndicatorStreams.KeyOf"/>), asked of the site grain once
/// per site and silo and then served from memory (the mapping never changes: kind and parent are fixed at registration),
/// so a record's write names its stream without a grain call. An unknown site maps to itself, uncached: an event sent
/// there anyway is forwarded by that site's aggregator once the site turns out to be a village (see
/// <see cref="SiteIndicatorsGrain"/>), so a wrong guess costs a hop, never a count.
/// </summary>
public sealed class IndicatorStreamKeys(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);

    /// <summary>The stream key for the records of site <paramref name="siteCode"/>.</summary>
    public ValueTask<string> KeyOfAsync(string siteCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        return _keys.TryGetValue(siteCode, out var key) ? ValueTask.FromResult(key) : LookUpAsync(siteCode);
    }

    /// <summary>Remembers the stream key of a site whose profile the caller already holds (no call needed later).</summary>
    public void Note(SiteProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _keys.TryAdd(profile.Code, IndicatorStreams.KeyOf(profile.Code, profile.Kind, profile.ParentCode));
    }

    private async ValueTask<string> LookUpAsync(string siteCode)
    {
        if (await grains.GetGrain<ISiteGrain>(siteCode).GetAsync() is not { } view)
        {
            return siteCode;
        }
        Note(view.Profile);
        return _keys[siteCode];
    }
}
