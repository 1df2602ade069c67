using System.Collections.Concurrent;

namespace JobHome.Grains.Sites;

/// <summary>
/// The sites this silo has seen answer that they exist. Sites are never removed, so a positive answer stays true and the
/// hot commands (registrations, new posts) ask a site grain once per site and silo instead of once per command; an
/// unknown site is asked every time (it may be registered meanwhile).
/// </summary>
public sealed class KnownSites
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    /// <summary>True when site <paramref name="siteCode"/> is registered.</summary>
    public async Task<bool> ExistsAsync(IGrainFactory grains, string siteCode)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        if (_known.ContainsKey(siteCode))
        {
            return true;
        }
        if (await grains.Reference<ISiteGrain>(siteCode).GetAsync() is null)
        {
            return false;
        }
        _known.TryAdd(siteCode, true);
        return true;
    }
}
