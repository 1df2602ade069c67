using System.Collections.Concurrent;
using JobHome.Grains.Time;

namespace JobHome.Grains.Matching;

/// <summary>
/// The (partition, site) pairs this silo has seen a partition store (<see cref="IMatchPartitionGrain.NoteSiteAsync"/>),
/// each trusted for <see cref="MatchingOptions.NotedSiteLifetime"/>: a record publishing into a cell asks the partition
/// once per site, silo and lifetime instead of on every change. The lifetime is what lets a partition forget a site
/// (its rebuild prunes a site without records in the cell that nobody noted for twice the lifetime): after it no silo
/// skips the call on the strength of an old answer.
/// </summary>
public sealed class NotedMatchSites
{
    private readonly ConcurrentDictionary<(string Partition, string Site), DateTimeOffset> _noted = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    /// <summary>Entries on the system clock with the default lifetime.</summary>
    public NotedMatchSites()
        : this(TimeProvider.System, new MatchingOptions().NotedSiteLifetime)
    {
    }

    /// <summary>Entries on the server clock with the lifetime of <paramref name="options"/>.</summary>
    public NotedMatchSites(ServerClock clock, MatchingOptions options)
        : this(clock?.Time ?? throw new ArgumentNullException(nameof(clock)),
            options?.NotedSiteLifetime ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <summary>Entries on <paramref name="time"/> trusted for <paramref name="lifetime"/>.</summary>
    public NotedMatchSites(TimeProvider time, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _time = time;
        _lifetime = lifetime;
    }

    /// <summary>Makes sure partition <paramref name="partitionKey"/> has stored site <paramref name="siteCode"/>.</summary>
    public async Task NoteAsync(IGrainFactory grains, string partitionKey, string siteCode)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        if (_noted.TryGetValue((partitionKey, siteCode), out var until) && _time.GetUtcNow() < until)
        {
            return;
        }
        await grains.Kept<IMatchPartitionGrain>(partitionKey).NoteSiteAsync(siteCode);
        // From after the answer: the partition's own time of the note is earlier, so its 2 × lifetime covers this entry.
        _noted[(partitionKey, siteCode)] = _time.GetUtcNow() + _lifetime;
    }
}
