namespace JobHome.Grains.Matching;

/// <summary>
/// Coalesces the stale notices a silo's new posts send to their top seekers: the ids collected during one
/// <see cref="MatchingOptions.StaleNoticeWindow"/> go out as one one-way notice per distinct seeker, so a seeker among the
/// top seekers of many new posts in that window (the usual case: new posts near each other rank the same people first)
/// costs one message instead of one per post. Best effort, like the notices themselves: reads are exact regardless.
/// </summary>
public sealed class StaleListNotices
{
    private readonly Action<string> _notify;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly object _lock = new();
    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private bool _armed;
    private long _sent;

    /// <summary>Sends the notices as one-way <see cref="ISeekerMatchingGrain.PostListStaleAsync"/> calls.</summary>
    public StaleListNotices(IGrainFactory grains, MatchingOptions options)
        : this(id => grains.Reference<ISeekerMatchingGrain>(id).PostListStaleAsync().Ignore(), TimeProvider.System,
            options?.StaleNoticeWindow ?? throw new ArgumentNullException(nameof(options)))
    {
        ArgumentNullException.ThrowIfNull(grains);
    }

    /// <summary>Sends each notice through <paramref name="notify"/> at the end of a window on <paramref name="time"/>.</summary>
    public StaleListNotices(Action<string> notify, TimeProvider time, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(notify);
        ArgumentNullException.ThrowIfNull(time);
        _notify = notify;
        _time = time;
        _window = window;
    }

    /// <summary>Notices sent since start (one per distinct seeker per window).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Queues a notice for each of <paramref name="items"/>' seekers; they go out at the end of the window.</summary>
    public void Add(IReadOnlyList<MatchItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }
        lock (_lock)
        {
            foreach (var item in items)
            {
                _pending.Add(item.Id);
            }
            if (_armed)
            {
                return;
            }
            _armed = true;
        }
        // Without the arming post's execution context: the batch carries many posts' notices, not that one's trace
        // and Orleans request context.
        using (ExecutionContext.SuppressFlow())
        {
            _ = FlushAfterAsync(Task.Delay(_window, _time));
        }
    }

    private async Task FlushAfterAsync(Task window)
    {
        // Off the calling grain's scheduler: the flush must not run on (or keep alive) the post that armed it.
        await window.ConfigureAwait(false);
        HashSet<string> batch;
        lock (_lock)
        {
            batch = _pending;
            _pending = new HashSet<string>(StringComparer.Ordinal);
            _armed = false;
        }
        Interlocked.Add(ref _sent, batch.Count);
        foreach (var seekerId in batch)
        {
            try
            {
                _notify(seekerId);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Best effort (e.g. the silo is stopping): one failed notice must not drop the rest of the batch.
            }
        }
    }
}
