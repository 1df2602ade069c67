using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Storage;

namespace JobHome.Grains.SiteRecords;

/// <summary>
/// A site's directory of seekers and households; writes only when something changes, and then only the shard that holds
/// the record (see <see cref="ShardedMap{TValue}"/>), so a registration does not rewrite the whole site's list. Shards are
/// read on first use: a registration reads and writes one shard of one list, a listing reads all of that list's.
/// </summary>
public sealed partial class SiteDirectoryGrain : Grain, ISiteDirectoryGrain
{
    private readonly IPersistentState<SiteDirectoryState> state;
    private readonly ShardedMap<string> _seekers;
    private readonly ShardedMap<bool> _households;
    private readonly ShardedMap<bool> _posts;

    /// <summary>The directory's own state (its lists before they moved to the shards).</summary>
    internal const string StateName = "directory";

    /// <summary>The seekers' map (shard rows <c>directory-seekers-0</c> … <c>-15</c>).</summary>
    internal const string SeekersMap = "directory-seekers";

    /// <summary>The households' map.</summary>
    internal const string HouseholdsMap = "directory-households";

    /// <summary>The posts' map.</summary>
    internal const string PostsMap = "directory-posts";

    /// <summary>Creates the directory; each list lives in <see cref="ShardedMap{TValue}.ShardCount"/> shards, read on demand.</summary>
    public SiteDirectoryGrain([PersistentState(StateName, StorageNames.Default)] IPersistentState<SiteDirectoryState> state)
    {
        this.state = state;
        var context = ((IGrainBase)this).GrainContext;
        _seekers = ShardedMap<string>.OnDemand(context, SeekersMap, StorageNames.Default);
        _households = ShardedMap<bool>.OnDemand(context, HouseholdsMap, StorageNames.Default);
        _posts = ShardedMap<bool>.OnDemand(context, PostsMap, StorageNames.Default);
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // States written before the shards held the lists in SiteDirectoryState: move them (a move cut short by a crash
        // is done again: nothing is removed from a shard before the old lists are empty), then empty the old lists.
        var old = state.State;
        if (old.Seekers.Count + old.Households.Count + old.Posts.Count > 0)
        {
            await Task.WhenAll(_seekers.LoadAllAsync(), _households.LoadAllAsync(), _posts.LoadAllAsync());
            foreach (var (id, name) in old.Seekers)
            {
                _seekers.TryAdd(id, name);
            }
            foreach (var id in old.Households.Keys)
            {
                _households.TryAdd(id, true);
            }
            foreach (var id in old.Posts.Keys)
            {
                _posts.TryAdd(id, true);
            }
            await Task.WhenAll(_seekers.WriteAllAsync(cancellationToken), _households.WriteAllAsync(cancellationToken),
                _posts.WriteAllAsync(cancellationToken));
            old.Seekers.Clear();
            old.Households.Clear();
            old.Posts.Clear();
            await state.WriteStateAsync(cancellationToken);
        }
        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task PutSeekerAsync(string seekerId, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(seekerId);
        ArgumentNullException.ThrowIfNull(name);
        await _seekers.LoadAsync(seekerId);
        var present = _seekers.TryGetValue(seekerId, out var held);
        if (present && string.Equals(held, name, StringComparison.Ordinal))
        {
            return;
        }
        if (!present)
        {
            // An entry without a cell (see SiteDirectoryGrain.Cells): the site is read in full by the next rebuild.
            await ListingsIncompleteAsync();
        }
        _seekers.Set(seekerId, name);
        await _seekers.WriteAsync(seekerId);
    }

    /// <inheritdoc />
    public async Task RemoveSeekerAsync(string seekerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(seekerId);
        await _seekers.LoadAsync(seekerId);
        if (_seekers.Remove(seekerId))
        {
            await _seekers.WriteAsync(seekerId);
        }
    }

    /// <inheritdoc />
    public async Task PutHouseholdAsync(string householdId)
    {
        ArgumentException.ThrowIfNullOrEmpty(householdId);
        await _households.LoadAsync(householdId);
        if (_households.TryAdd(householdId, true))
        {
            await _households.WriteAsync(householdId);
        }
    }

    /// <inheritdoc />
    public async Task PutPostAsync(string postId)
    {
        ArgumentException.ThrowIfNullOrEmpty(postId);
        await _posts.LoadAsync(postId);
        if (!_posts.TryGetValue(postId, out _))
        {
            await ListingsIncompleteAsync();
            _posts.Set(postId, true);
            await _posts.WriteAsync(postId);
        }
    }

    /// <inheritdoc />
    public async Task<string[]> GetSourceIdsAsync()
    {
        await Task.WhenAll(_seekers.LoadAllAsync(), _households.LoadAllAsync(), _posts.LoadAllAsync());
        return _seekers.Keys.Select(id => IndicatorSources.Id(IndicatorSources.Seeker, id))
            .Concat(_households.Keys.Select(id => IndicatorSources.Id(IndicatorSources.Household, id)))
            .Concat(_posts.Keys.Select(id => IndicatorSources.Id(IndicatorSources.Post, id)))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <inheritdoc />
    public async Task<string[]> FindSeekersAsync(string name)
    {
        var query = name?.Trim() ?? string.Empty;
        await _seekers.LoadAllAsync();
        return _seekers.Entries
            .Where(entry => query.Length == 0 || entry.Value.Contains(query, StringComparison.OrdinalIgnoreCase))
            .Select(entry => entry.Key)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <inheritdoc />
    public async Task<string[]> GetHouseholdsAsync()
    {
        await _households.LoadAllAsync();
        return _households.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <inheritdoc />
    public async Task<string[]> GetPostsAsync()
    {
        await _posts.LoadAllAsync();
        return _posts.Keys.Order(StringComparer.Ordinal).ToArray();
    }
}
