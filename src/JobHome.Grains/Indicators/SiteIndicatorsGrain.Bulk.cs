using JobHome.Grains.Bulk;

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
        if (_sources.RowFull)
        {
            // Straight into the shards (they then hold every entry, the new ones too), not the row first.
            await _sources.MoveToShardsAsync();
        }
        else
        {
            await _sources.WriteAsync(changed);
        }
        MarkDirty();
        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult();
        }
        _waiters.Clear();
        await FlushIfQuietAsync();
    }
}
