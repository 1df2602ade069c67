using JobHome.Domain.Indicators;
using JobHome.Domain.Sites;
using JobHome.Grains.Bulk;
using JobHome.Grains.Sharding;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;

namespace JobHome.Grains.Indicators;

// Township streams: the member sites' entries held by their township, and a member site's forwarding to it.
public sealed partial class SiteIndicatorsGrain
{
    private const char MemberSeparator = '|';

    // The township of a member site (only while _host is set).
    private ISiteIndicatorsGrain Host => GrainFactory.GetGrain<ISiteIndicatorsGrain>(_host!);

    /// <summary>
    /// The key of member site <paramref name="siteCode"/>'s record <paramref name="sourceId"/> in its township's entries.
    /// Site codes are digits, A–Z and '-' (<see cref="Site.IsValidCode"/>) and source ids start with a lower-case kind, so
    /// a key is a member's exactly when what precedes its first '|' is a site code; the township's own records keep their
    /// plain source ids (as stored before township streams).
    /// </summary>
    public static string MemberKey(string siteCode, string sourceId) => siteCode + MemberSeparator + sourceId;

    /// <summary>The member site of an entry key, or null for the site's own record.</summary>
    public static string? MemberOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bar = key.IndexOf(MemberSeparator, StringComparison.Ordinal);
        if (bar <= 0)
        {
            return null;
        }
        var site = key[..bar];
        return Site.IsValidCode(site) ? site : null;
    }

    private static string KeyOf(string? member, string sourceId) => member is null ? sourceId : MemberKey(member, sourceId);

    // Null for this site itself (its own records), else the member's code.
    private string? MemberOrNull(string siteCode) => string.Equals(siteCode, _code, StringComparison.Ordinal) ? null : siteCode;

    private IndicatorCounts CountsOf(string? member)
    {
        if (member is null)
        {
            return _own;
        }
        if (!_members.TryGetValue(member, out var counts))
        {
            counts = new IndicatorCounts();
            _members[member] = counts;
        }
        return counts;
    }

    private IndicatorCounts PeekCounts(string? member) =>
        member is null ? _own : _members.GetValueOrDefault(member) ?? new IndicatorCounts();

    // The source ids of the entries of this site (member null) or of a member.
    private IEnumerable<string> HeldIds(string? member)
    {
        foreach (var key in _sources.Keys)
        {
            var of = MemberOf(key);
            if (member is null && of is null)
            {
                yield return key;
            }
            else if (member is not null && string.Equals(of, member, StringComparison.Ordinal))
            {
                yield return key[(member.Length + 1)..];
            }
        }
    }

    private RecountHeldSources HeldVersions(string? member)
    {
        var ids = HeldIds(member).Order(StringComparer.Ordinal).ToArray();
        var versions = new long[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            _sources.TryGetValue(KeyOf(member, ids[i]), out var entry);
            versions[i] = entry!.Version;
        }
        return new RecountHeldSources(ids, versions);
    }

    /// <inheritdoc />
    public Task<IndicatorCounts> GetMemberCountsAsync(string siteCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        return _host is null ? Task.FromResult(PeekCounts(MemberOrNull(siteCode)).Clone()) : Host.GetMemberCountsAsync(siteCode);
    }

    /// <inheritdoc />
    public Task<RecountHeldSources> GetMemberHeldVersionsAsync(string siteCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        return _host is null ? Task.FromResult(HeldVersions(MemberOrNull(siteCode))) : Host.GetMemberHeldVersionsAsync(siteCode);
    }

    /// <inheritdoc />
    public Task ApplyMemberSourcesAsync(string siteCode, BulkSource[] sources)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        ArgumentNullException.ThrowIfNull(sources);
        return _host is null ? ApplyEntriesAsync(MemberOrNull(siteCode), sources) : Host.ApplyMemberSourcesAsync(siteCode, sources);
    }

    // Entries set in one step (bulk import, forwarded events): newest version wins, each touched shard written once.
    private async Task ApplyEntriesAsync(string? member, BulkSource[] sources)
    {
        var changed = 0;
        foreach (var source in sources)
        {
            if (ApplyEntry(member, source.SourceId, source.Version, source.Contribution, out _))
            {
                changed++;
            }
        }
        if (changed == 0)
        {
            return;
        }
        try
        {
            // The journal, or (a large step: past the journal's bound) the base of each shard it touched.
            await _sources.WriteChangesAsync();
        }
        catch
        {
            // Memory is ahead of storage: a retry would be taken for a repeat and never written. Start over from storage.
            DeactivateOnIdle();
            throw;
        }
        MarkDirty();
        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult();
        }
        _waiters.Clear();
        await FlushIfQuietAsync();
    }

    // A member site's own stream (events queued before township streams, or sent while the site was not yet known):
    // handed to its township, which keeps the newest version per record, so repeats change nothing. The agent confirms
    // the rows once this returns, i.e. after the township stored them.
    private async Task ForwardToHostAsync(IList<SequentialItem<IndicatorChange>> items)
    {
        foreach (var group in items.GroupBy(i => i.Item.SiteCode ?? _code, StringComparer.Ordinal))
        {
            await Host.ApplyMemberSourcesAsync(group.Key,
                [.. group.Select(i => new BulkSource(i.Item.SourceId, i.Item.Version, i.Item.Contribution))]);
        }
    }

    /// <summary>
    /// A township's first activation since township streams: the entries each child (village, community) stored in its own
    /// aggregator are read from storage (its state's old entry map, its 16 shards and their journal; the child is not activated) and
    /// merged into this township's entries as member entries, the newer version winning; the touched shards are written,
    /// then the children's reported totals are dropped and <see cref="SiteIndicatorsState.MembersAdopted"/> set in memory,
    /// stored by the activation's next state write. A crash before that write adopts again (the merge changes nothing the
    /// second time), and the stored child totals are never counted beside the adopted entries. A child's events still
    /// queued on its own stream reach this township later through the child (forwarded), newest version winning.
    /// </summary>
    private async Task AdoptMembersAsync(string[] children, CancellationToken cancellationToken)
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var codes = state.State.Children.Keys.Union(children, StringComparer.Ordinal).ToArray();
        var adopted = 0;
        foreach (var code in codes)
        {
            var grainId = GrainFactory.GetGrain<ISiteIndicatorsGrain>(code).GetGrainId();
            var main = new GrainState<SiteIndicatorsState>(new SiteIndicatorsState());
            var sharded = JournaledShardedMap<SourceEntry>.ReadStoredAsync(storage, grainId, SourcesStateName);
            await Task.WhenAll(sharded, storage.ReadStateAsync("indicators", grainId, main));
            var entries = new List<KeyValuePair<string, SourceEntry>>();
            if (main.State?.Sources is { } oldMap)
            {
                entries.AddRange(oldMap);
            }
            entries.AddRange(await sharded);
            foreach (var (id, entry) in entries)
            {
                var key = MemberKey(code, id);
                if (!_sources.TryGetValue(key, out var held) || held.Version < entry.Version)
                {
                    _sources.Set(key, entry);
                    adopted++;
                }
            }
        }
        if (adopted > 0)
        {
            await _sources.WriteAllAsync(cancellationToken);
        }
        foreach (var code in codes)
        {
            state.State.Children.Remove(code);
        }
        state.State.MembersAdopted = true;
        LogMembersAdopted(logger, _code, codes.Length, adopted);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Township {SiteCode} took over the indicator entries of {Members} member sites ({Entries} entries)")]
    private static partial void LogMembersAdopted(ILogger logger, string siteCode, int members, int entries);
}
