using JobHome.Grains.Bulk;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;

namespace JobHome.Grains.SiteRecords;

/// <summary>The bulk import's side of the directory: many entries per call, one read and one write per shard touched.</summary>
public sealed partial class SiteDirectoryGrain : IBulkSiteDirectoryGrain
{
    /// <inheritdoc />
    public async Task PutManyAsync(string kind, string[] ids, string[] names)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(names);
        switch (kind)
        {
            case IndicatorSources.Seeker:
                if (names.Length != ids.Length)
                {
                    throw new ArgumentException("Every seeker needs a name.", nameof(names));
                }
                await ListingsIncompleteAsync();
                await _seekers.LoadAsync(ids);
                var renamed = new List<string>();
                for (var i = 0; i < ids.Length; i++)
                {
                    if (!_seekers.TryGetValue(ids[i], out var held) || !string.Equals(held, names[i], StringComparison.Ordinal))
                    {
                        _seekers.Set(ids[i], names[i]);
                        renamed.Add(ids[i]);
                    }
                }
                await _seekers.WriteShardsOfAsync(renamed);
                return;
            case IndicatorSources.Household:
                await _households.LoadAsync(ids);
                await _households.WriteShardsOfAsync(ids.Where(id => _households.TryAdd(id, true)).ToList());
                return;
            case IndicatorSources.Post:
                await ListingsIncompleteAsync();
                await _posts.LoadAsync(ids);
                await _posts.WriteShardsOfAsync(ids.Where(id => _posts.TryAdd(id, true)).ToList());
                return;
            default:
                throw new ArgumentException($"Unknown record kind '{kind}'.", nameof(kind));
        }
    }
}
