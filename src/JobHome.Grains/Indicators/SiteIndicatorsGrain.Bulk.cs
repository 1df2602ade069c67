using JobHome.Grains.Bulk;
using JobHome.Grains.Sharding;

namespace JobHome.Grains.Indicators;

/// <summary>The bulk import's entry point: many record entries in one step instead of one stream event each.</summary>
public sealed partial class SiteIndicatorsGrain : IBulkSiteIndicatorsGrain
{
    /// <inheritdoc />
    public async Task ApplySourcesAsync(BulkSource[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var changed = new List<string>();
        foreach (var source in sources)
        {
            if (_sources.TryGetValue(source.SourceId, out var held))
            {
                if (held.Version >= source.Version)
                {
                    continue;
                }
                _own.Change(held.ToContribution(), source.Contribution);
                _subtree.Change(held.ToContribution(), source.Contribution);
            }
            else
            {
                _own.Apply(source.Contribution);
                _subtree.Apply(source.Contribution);
            }
            _sources.Set(source.SourceId, SourceEntry.Of(source.Version, source.Contribution));
            changed.Add(source.SourceId);
        }
        if (changed.Count == 0)
        {
            return;
        }
        await _sources.WriteShardsOfAsync(changed);
        MarkDirty();
        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult();
        }
        _waiters.Clear();
        await FlushIfQuietAsync();
    }
}
