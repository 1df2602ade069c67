namespace JobHome.Grains.Matching;

/// <summary>
/// The silo's side of the stored post lists' upkeep, now that the partitions push their listers' parts
/// (MatchPartitionGrain.Push.cs). A new or changed post's top seekers that hold a list go at once, with the post's scores,
/// to the post's partition in one one-way call (<see cref="Add(string, IReadOnlyList{MatchItem})"/> →
/// <see cref="IMatchPartitionGrain.NewPostsMayEnterAsync"/>), which marks the holders the post can enter. What is still
/// coalesced here over one <see cref="MatchingOptions.StaleNoticeWindow"/> (from the first entry, never extended, on the
/// silo's <see cref="TimeProvider"/>): the releases of deactivated seeker activations' listings (<see cref="Release"/>:
/// each partition gets one <see cref="IMatchPartitionGrain.ForgetActivationListingsAsync"/> per window, naming each
/// activation by the token its listings carry, so clock skew between silos cannot make a partition forget a newer
/// activation's live listing), and the earlier notices a partition still sends
/// (<see cref="ISeekerMatchingGrain.PostListStaleInAsync"/>, one per distinct seeker per window naming the partitions):
/// a young partition to top seekers that may hold a part from its earlier activation (<see cref="NotifyGains"/>), and any
/// partition to a listing made by a caller of the version before pushes (<see cref="AddListing"/>). Best effort: reads are
/// exact regardless.
/// </summary>
public sealed class StaleListNotices
{
    private readonly Action<string, StaleListNotice> _notify;
    private readonly Action<string, string[], Guid[], bool[]>? _release;
    // Partition, the post's id (null from a caller that does not name it), its top seekers, their scores, the change's time.
    private readonly Action<string, string?, string[], double[], DateTimeOffset>? _gain;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly object _lock = new();
    // Seeker → partition → bar (a new post's best score there, or MustAsk); null: every partition.
    private Dictionary<string, Dictionary<string, double>?> _pending = new(StringComparer.Ordinal);
    // Partition → seekers whose listings there to forget: each with an activation token, and whether to forget the listing
    // held by that activation (false: it was deactivated) or any other's (true: it is live and holds none from there).
    private Dictionary<string, List<(string Seeker, Guid Activation, bool Keep)>> _releases = new(StringComparer.Ordinal);
    private DateTimeOffset _since;
    private bool _armed;
    private long _sent;
    private long _queued;
    private long _released;

    /// <summary>Sends the notices as one-way <see cref="ISeekerMatchingGrain.PostListStaleInAsync"/> calls, windows on the
    /// system clock.</summary>
    public StaleListNotices(IGrainFactory grains, MatchingOptions options)
        : this(grains, options, TimeProvider.System)
    {
    }

    /// <summary>Sends the notices as one-way <see cref="ISeekerMatchingGrain.PostListStaleInAsync"/> calls, windows on
    /// <paramref name="time"/> (the silo's server clock, so tests advance a fake one instead of waiting).</summary>
    public StaleListNotices(IGrainFactory grains, MatchingOptions options, TimeProvider time)
        : this((id, notice) => grains.Reference<ISeekerMatchingGrain>(id).PostListStaleInAsync(notice).Ignore(), time,
            options?.StaleNoticeWindow ?? throw new ArgumentNullException(nameof(options)),
            (partition, seekers, activations, keep) => grains.Kept<IMatchPartitionGrain>(partition)
                .ForgetActivationListingsAsync(seekers, activations, keep).Ignore(),
            (partition, post, seekers, scores, since) =>
            {
                var grain = grains.Kept<IMatchPartitionGrain>(partition);
                (post is null ? grain.NewPostsMayEnterAsync(seekers, scores, since) : grain.NewPostMayEnterAsync(post, seekers, scores, since))
                    .Ignore();
            })
    {
        ArgumentNullException.ThrowIfNull(grains);
    }

    /// <summary>
    /// Sends each notice through <paramref name="notify"/> and each partition's released listings through
    /// <paramref name="release"/> (none when null) at the end of a window on <paramref name="time"/>; a new post's top
    /// seekers go at once to its partition through <paramref name="gain"/> (when null, as notices to the seekers).
    /// </summary>
    public StaleListNotices(Action<string, StaleListNotice> notify, TimeProvider time, TimeSpan window,
        Action<string, string[], Guid[], bool[]>? release = null,
        Action<string, string?, string[], double[], DateTimeOffset>? gain = null)
    {
        ArgumentNullException.ThrowIfNull(notify);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        _notify = notify;
        _release = release;
        _gain = gain;
        _time = time;
        _window = window;
    }

    /// <summary>The clock the windows run on (notices are stamped with it).</summary>
    public TimeProvider Time => _time;

    /// <summary>Notices sent since start (one per distinct seeker per window).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Notices queued since start (before coalescing: one per seeker per call).</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>Listings released since start (one per seeker per partition, see <see cref="Release"/>).</summary>
    public long Released => Interlocked.Read(ref _released);

    /// <summary>
    /// Queues the release of <paramref name="seekerId"/>'s listings in <paramref name="partitions"/>: its activation
    /// <paramref name="activation"/> (the token its listings carry) is being deactivated and its list goes with it. Sent at the
    /// end of the window; a partition forgets the listing only if that activation still holds it, so a new activation that
    /// listed again since keeps its own, whichever silo's clock is ahead.
    /// </summary>
    public void Release(string seekerId, Guid activation, IReadOnlyList<string> partitions) =>
        QueueRelease(seekerId, activation, partitions, keep: false);

    private void QueueRelease(string seekerId, Guid activation, IReadOnlyList<string> partitions, bool keep)
    {
        ArgumentException.ThrowIfNullOrEmpty(seekerId);
        ArgumentNullException.ThrowIfNull(partitions);
        if (_release is null || partitions.Count == 0)
        {
            return;
        }
        bool opens;
        lock (_lock)
        {
            foreach (var partition in partitions)
            {
                if (!_releases.TryGetValue(partition, out var seekers))
                {
                    seekers = [];
                    _releases[partition] = seekers;
                }
                seekers.Add((seekerId, activation, keep));
            }
            Interlocked.Add(ref _released, partitions.Count);
            opens = Arm();
        }
        if (opens)
        {
            StartWindow();
        }
        // Noted once its window's timer runs: whoever hears of the release and then moves the clock past the window sees
        // it sent (a test on a fake clock; before, the clock could move between the note and the timer's start).
        PostListMetrics.RecordReleased(seekerId, partitions.Count);
    }

    /// <summary>Queues a notice for each of <paramref name="items"/>' seekers (a new post's top seekers): all their partitions.</summary>
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
                _pending[item.Id] = null;
            }
            Interlocked.Add(ref _queued, items.Count);
            PostListMetrics.RecordQueued(items.Count);
            if (!Arm())
            {
                return;
            }
        }
        StartWindow();
    }

    /// <summary>
    /// A new or changed post of <paramref name="partition"/> and its top seekers that hold a list (<paramref name="items"/>,
    /// with the post's score for each): only that part of their lists can gain the post, and only if the score can enter it.
    /// Sent at once, in one one-way call, to the partition, which keeps its holders' parts and floors and marks those the
    /// post can enter (<see cref="IMatchPartitionGrain.NewPostsMayEnterAsync"/>); without that route (a test's delegates),
    /// queued as notices to the seekers (<see cref="NotifyGains"/>).
    /// </summary>
    public void Add(string partition, IReadOnlyList<MatchItem> items) => Add(partition, items, null);

    /// <summary>
    /// As <see cref="Add(string, IReadOnlyList{MatchItem})"/>, naming the post (<paramref name="postId"/>): the partition then
    /// knows whether the post changed since it was first indexed there (<see cref="IMatchPartitionGrain.NewPostMayEnterAsync"/>),
    /// and a post that did not is tested against the tighter floor of a post that was nobody's candidate.
    /// </summary>
    public void Add(string partition, IReadOnlyList<MatchItem> items, string? postId)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }
        if (_gain is not null)
        {
            var ids = new string[items.Count];
            var scores = new double[items.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = items[i].Id;
                scores[i] = items[i].Score;
            }
            try
            {
                _gain(partition, postId, ids, scores, _time.GetUtcNow());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Best effort, as the notices were: reads are exact regardless.
            }
            return;
        }
        NotifyGains(partition, items);
    }

    /// <summary>
    /// Queues a notice for each of <paramref name="items"/>' seekers (with a new post's score for each) naming
    /// <paramref name="partition"/>: the seeker re-asks that partition if the score can enter its part there. A young
    /// partition sends these to seekers that may hold a part from its earlier activation.
    /// </summary>
    public void NotifyGains(string partition, IReadOnlyList<MatchItem> items)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }
        lock (_lock)
        {
            foreach (var item in items)
            {
                Queue(item.Id, partition, item.Score);
            }
            if (!Arm())
            {
                return;
            }
        }
        StartWindow();
    }

    /// <summary>Queues a notice for each of <paramref name="seekers"/>: a post they listed from <paramref name="partition"/>
    /// changed.</summary>
    public void AddListing(string partition, IEnumerable<string> seekers)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(seekers);
        var any = false;
        lock (_lock)
        {
            foreach (var seeker in seekers)
            {
                any = true;
                Queue(seeker, partition, StaleListNotice.MustAsk);
            }
            if (!any || !Arm())
            {
                return;
            }
        }
        StartWindow();
    }

    // Under the lock. The bar only rises: a listed post's change (MustAsk) or a better new post wins.
    private void Queue(string seeker, string partition, double bar)
    {
        Interlocked.Increment(ref _queued);
        PostListMetrics.RecordQueued(1);
        if (!_pending.TryGetValue(seeker, out var partitions))
        {
            _pending[seeker] = new Dictionary<string, double>(1, StringComparer.Ordinal) { [partition] = bar };
        }
        else if (partitions is not null && (!partitions.TryGetValue(partition, out var old) || old < bar))
        {
            // null: every partition is asked already.
            partitions[partition] = bar;
        }
    }

    // Under the lock: true when this call opens a window.
    private bool Arm()
    {
        if (_armed)
        {
            return false;
        }
        _armed = true;
        _since = _time.GetUtcNow();
        return true;
    }

    private void StartWindow()
    {
        // Without the arming grain's execution context: the batch carries many grains' notices, not that one's trace and
        // Orleans request context.
        using (ExecutionContext.SuppressFlow())
        {
            _ = FlushAfterAsync(Task.Delay(_window, _time));
        }
    }

    private async Task FlushAfterAsync(Task window)
    {
        // Off the calling grain's scheduler: the flush must not run on (or keep alive) the grain that armed it.
        await window.ConfigureAwait(false);
        Dictionary<string, Dictionary<string, double>?> batch;
        Dictionary<string, List<(string Seeker, Guid Activation, bool Keep)>> releases;
        DateTimeOffset since;
        lock (_lock)
        {
            batch = _pending;
            releases = _releases;
            since = _since;
            _pending = new Dictionary<string, Dictionary<string, double>?>(StringComparer.Ordinal);
            _releases = new Dictionary<string, List<(string Seeker, Guid Activation, bool Keep)>>(StringComparer.Ordinal);
            _armed = false;
        }
        foreach (var (partition, seekers) in releases)
        {
            try
            {
                _release!(partition, [.. seekers.Select(static r => r.Seeker)], [.. seekers.Select(static r => r.Activation)],
                    [.. seekers.Select(static r => r.Keep)]);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Best effort: a listing not released costs at most one needless notice later.
            }
        }
        Interlocked.Add(ref _sent, batch.Count);
        PostListMetrics.RecordSent(batch.Count);
        foreach (var (seekerId, partitions) in batch)
        {
            try
            {
                _notify(seekerId, Notice(partitions, since));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Best effort (e.g. the silo is stopping): one failed notice must not drop the rest of the batch.
            }
        }
    }

    private static StaleListNotice Notice(Dictionary<string, double>? partitions, DateTimeOffset since)
    {
        if (partitions is null)
        {
            return new StaleListNotice(null, since);
        }
        var keys = new string[partitions.Count];
        var gains = new double[partitions.Count];
        var i = 0;
        foreach (var (key, bar) in partitions)
        {
            keys[i] = key;
            gains[i++] = bar;
        }
        return new StaleListNotice(keys, since, gains);
    }
}
