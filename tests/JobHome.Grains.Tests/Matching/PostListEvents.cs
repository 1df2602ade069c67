using System.Diagnostics;
using JobHome.Grains.Matching;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// Records the post lists' diagnostic events (listener <see cref="PostListMetrics.MeterName"/>) of the in-process silo:
/// refreshes (a seeker's own query or a taken push), the partitions a stored list asked, the holders a partition marked,
/// released and forgotten listings, notices that found no list. A registration computes no list, so a test that starts
/// from a seeker's list reads it first (<see cref="ReadFirstListAsync"/>), which this recorder keeps as the seeker's first
/// refresh. Waits end on the events themselves (no polling); the deadline only ends a wait that
/// would otherwise hang. Shared by the post-list test classes (it was repeated in each).
/// </summary>
public sealed class PostListEvents : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    /// <summary>How long a wait for an effect of a one-way call may take before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly object _lock = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Dictionary<string, List<PostListRefreshed>> _refreshed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PostListPartitionAsked>> _asked = new(StringComparer.Ordinal);
    private readonly List<PostListMarked> _marked = [];
    private readonly Dictionary<string, int> _released = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _noticesWithoutList = new(StringComparer.Ordinal);
    private readonly List<ListingsForgotten> _forgotten = [];
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>Starts recording.</summary>
    public PostListEvents() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>The seeker's refresh events so far, oldest first.</summary>
    public PostListRefreshed[] Refreshes(string seeker)
    {
        lock (_lock)
        {
            return _refreshed.TryGetValue(seeker, out var list) ? [.. list] : [];
        }
    }

    /// <summary>The seeker's last refresh event.</summary>
    public PostListRefreshed Last(string seeker) => Refreshes(seeker)[^1];

    /// <summary>The partitions the seeker's stored list asked so far, with the cause.</summary>
    public PostListPartitionAsked[] Asked(string seeker)
    {
        lock (_lock)
        {
            return _asked.TryGetValue(seeker, out var list) ? [.. list] : [];
        }
    }

    /// <summary>Every partition's marks so far, oldest first.</summary>
    public PostListMarked[] Marked()
    {
        lock (_lock)
        {
            return [.. _marked];
        }
    }

    /// <summary>How many releases of the seeker's listings were queued so far.</summary>
    public int Released(string seeker)
    {
        lock (_lock)
        {
            return _released.GetValueOrDefault(seeker);
        }
    }

    /// <summary>Every partition's forget calls so far (each with the seekers it forgot), oldest first.</summary>
    public ListingsForgotten[] Forgotten()
    {
        lock (_lock)
        {
            return [.. _forgotten];
        }
    }

    /// <summary>Waits until the seeker has at least <paramref name="count"/> refresh events; returns the last one.</summary>
    public async Task<PostListRefreshed> RefreshesAsync(string seeker, int count)
    {
        await UntilAsync(() => _refreshed.TryGetValue(seeker, out var list) && list.Count >= count,
            () => $"seeker {seeker}: {Refreshes(seeker).Length} refreshes, expected {count}");
        return Last(seeker);
    }

    /// <summary>Waits for the first refresh event of the seeker after its first <paramref name="after"/> that matches.</summary>
    public async Task<PostListRefreshed> NextAsync(string seeker, int after, Func<PostListRefreshed, bool> match)
    {
        PostListRefreshed? seen = null;
        await UntilAsync(() => (seen = _refreshed.TryGetValue(seeker, out var list) ? list.Skip(after).FirstOrDefault(match) : null) is not null,
            () => $"seeker {seeker}: no matching refresh after {after} of {Refreshes(seeker).Length} events");
        return seen!;
    }

    /// <summary>
    /// Reads the seeker's list (k = 20, as a stored list holds) and keeps it as the seeker's next refresh event (the read
    /// computes the stored list: a registration computes none), with the partitions the read asked; returns it. A read lists
    /// the seeker in those partitions, which keep its parts fresh from then on. The seeker must have no refresh yet, so the
    /// events stay in order (a push follows a read that listed).
    /// </summary>
    public async Task<PostListRefreshed> ReadFirstListAsync(IGrainFactory grains, string seeker)
    {
        Assert.Empty(Refreshes(seeker));
        var asked = Asked(seeker).Length;
        var list = await grains.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(20);
        Assert.NotNull(list);
        lock (_lock)
        {
            var partitions = _asked.TryGetValue(seeker, out var queries) ? queries.Count - asked : 0;
            Assert.All(queries?.Skip(asked) ?? [], static q => Assert.Equal(PostListMetrics.CauseRead, q.Cause));
            var read = new PostListRefreshed(seeker, 0, [.. list.Items.Select(static i => i.Id)], partitions, Items: list.Items);
            Add(_refreshed, seeker, read);
            return read;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> stale notices reached the seeker without a list.</summary>
    public Task NoticesWithoutListAsync(string seeker, int count) =>
        UntilAsync(() => _noticesWithoutList.GetValueOrDefault(seeker) >= count,
            () => $"seeker {seeker}: {_noticesWithoutList.GetValueOrDefault(seeker)} notices without a list, expected {count}");

    /// <summary>Waits until the seeker's listings were released at least <paramref name="count"/> times.</summary>
    public Task ReleasedAsync(string seeker, int count) =>
        UntilAsync(() => _released.GetValueOrDefault(seeker) >= count,
            () => $"seeker {seeker}: {Released(seeker)} releases, expected {count}");

    /// <summary>Waits until <paramref name="partition"/> handled at least <paramref name="count"/> forget calls; returns them.</summary>
    public async Task<ListingsForgotten[]> ForgottenAsync(string partition, int count)
    {
        await UntilAsync(() => _forgotten.Count(f => f.Partition == partition) >= count,
            () => $"partition {partition}: fewer than {count} forget calls");
        return [.. Forgotten().Where(f => f.Partition == partition)];
    }

    /// <summary>Waits until <paramref name="partition"/> handled at least <paramref name="count"/> changes touching lists.</summary>
    public async Task<PostListMarked[]> MarkedAsync(string partition, int count)
    {
        await UntilAsync(() => _marked.Count(m => m.Partition == partition) >= count,
            () => $"partition {partition}: fewer than {count} marks");
        return [.. Marked().Where(m => m.Partition == partition)];
    }

    /// <summary>
    /// Waits until <paramref name="done"/> holds (checked now and after every recorded event, under the recorder's lock, so it
    /// may read the recorder); fails with <paramref name="failure"/>'s text at the deadline.
    /// </summary>
    public async Task UntilAsync(Func<bool> done, Func<string> failure)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (done())
            {
                return;
            }
            _waiters.Add((done, signal));
        }
        try
        {
            await signal.Task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail(failure());
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _subscriptions.ForEach(static s => s.Dispose());
            _subscriptions.Clear();
        }
    }

    /// <inheritdoc />
    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == PostListMetrics.MeterName)
        {
            lock (_lock)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    /// <inheritdoc />
    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        lock (_lock)
        {
            switch (value.Value)
            {
                case PostListRefreshed refreshed when value.Key == PostListMetrics.RefreshedEvent:
                    Add(_refreshed, refreshed.SeekerId, refreshed);
                    break;
                case PostListPartitionAsked asked when value.Key == PostListMetrics.AskedEvent:
                    Add(_asked, asked.SeekerId, asked);
                    break;
                case PostListMarked marked when value.Key == PostListMetrics.MarkedEvent:
                    _marked.Add(marked);
                    break;
                case string seeker when value.Key == PostListMetrics.ReleasedEvent:
                    _released[seeker] = _released.GetValueOrDefault(seeker) + 1;
                    break;
                case string seeker when value.Key == PostListMetrics.NoticeWithoutListEvent:
                    _noticesWithoutList[seeker] = _noticesWithoutList.GetValueOrDefault(seeker) + 1;
                    break;
                case ListingsForgotten forgotten when value.Key == PostListMetrics.ForgottenEvent:
                    _forgotten.Add(forgotten);
                    break;
                default:
                    return;
            }
            foreach (var waiter in _waiters.Where(static w => w.Done()).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    private static void Add<T>(Dictionary<string, List<T>> events, string key, T item)
    {
        if (!events.TryGetValue(key, out var list))
        {
            events[key] = list = [];
        }
        list.Add(item);
    }
}
