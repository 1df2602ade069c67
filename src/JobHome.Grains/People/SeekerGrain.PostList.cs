using System.Diagnostics;
using JobHome.Grains.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Grains.People;

/// <summary>
/// The seeker's stored post list trails the changes that make it stale. A registration queues one refresh for the next
/// turn (a one-way call to itself); a direct <see cref="PostListStaleAsync"/> starts one timer and the refresh runs when it
/// fires (after <see cref="MatchingOptions.PostListRefreshDelay"/>; with a zero delay it is queued for the next turn like a
/// registration's, but it is still a background refresh: it takes permits and counts as the timer's), so every mark in
/// between costs one refresh. The partitions' and
/// new posts' notices arrive coalesced per silo (<see cref="StaleListNotices"/>: one per
/// seeker per <see cref="MatchingOptions.StaleNoticeWindow"/>) and refresh at once, asking only the partitions they name
/// (and of those named only by new posts, only the ones where a new post scores above the stored part's floor).
/// Reads never wait for either: they recompute whatever changed (see docs/grains.md, Post lists). An activation deactivated
/// with a list releases its listings (named by its token, <see cref="PostListCache.Activation"/>; the list lives in memory
/// only), so a later change of a listed post does not
/// reactivate the seeker to refresh a list nobody holds; the next read computes it afresh. A notice's or the timer's
/// refresh asks a partition only while one of its permits in the silo is free (<see cref="PartitionRefreshPermits"/>); a
/// refresh that deferred a partition starts the timer, which retries it (and absorbs further notices) after the delay.
/// </summary>
public sealed partial class SeekerGrain
{
    private static readonly TimeSpan RetryFloor = TimeSpan.FromMilliseconds(100);
    // Consecutive retries that met a deferral double the delay, up to 2^MaxBackoff times it.
    private const int MaxBackoff = 4;
    private int _deferredStreak;
    private readonly HashSet<string> _retryOnly = new(StringComparer.Ordinal);
    private bool _retryAll;
    private IGrainTimer? _listTimer;
    private long _listStaleSince;
    private bool _listRefreshQueued;
    // The queued refresh is a direct mark's (zero refresh delay), not a registration's: it takes permits like the timer's.
    private bool _queuedMark;

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_postList.HasList)
        {
            // Coalesced per silo with the stale notices: one ForgetListings per partition per window.
            ServiceProvider.GetRequiredService<StaleListNotices>().Release(this.GetPrimaryKeyString(), _postList.Activation,
                _postList.ListedPartitions);
        }
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public Task PostListStaleAsync()
    {
        if (_postList.HasList && state.State.Registration is not null)
        {
            _retryAll = true;
            ScheduleListRefresh(matching.PostListRefreshDelay, mark: true);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task PostListStaleInAsync(StaleListNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var queued = _listRefreshQueued;
        var mark = queued && _queuedMark;
        _listRefreshQueued = false;
        _queuedMark = false;
        // A pending timer takes the notice's partitions along (all of them for a notice naming none, or the registration's
        // own); without a list (unless this is the registration's own queued refresh) there is nothing to keep fresh.
        if (_listTimer is not null)
        {
            if (queued || notice.Partitions is null)
            {
                _retryAll = true;
            }
            else
            {
                _retryOnly.UnionWith(notice.Partitions);
            }
            return;
        }
        if (!_postList.HasList && !queued && notice.Partitions is { Length: > 0 } stale)
        {
            // Told by a partition that still counts an earlier activation's listing (its release was lost): release every
            // listing there that is not this activation's, so the partition stops reactivating it for a list nobody holds.
            // The home partition too: a new post's notice names the post's partition, but the holder entry that decides
            // whether this seeker is told sits in the partition that indexes it.
            string[] release = state.State.MatchPartition is { } home && !stale.Contains(home, StringComparer.Ordinal)
                ? [.. stale, home]
                : stale;
            ServiceProvider.GetRequiredService<StaleListNotices>().ReleaseOthers(this.GetPrimaryKeyString(), _postList.Activation,
                release);
            return;
        }
        if ((!_postList.HasList && !queued) || state.State.MatchPartition is null
            || state.State.Registration is null)
        {
            return;
        }
        // The registration's own first list is never deferred (no permits); a direct mark's queued refresh (zero refresh
        // delay) is the timer's refresh run in the next turn: every reached partition, through the permits.
        var cause = !queued ? PostListMetrics.CauseNotice : mark ? PostListMetrics.CauseTimer : PostListMetrics.CauseRegistration;
        if (queued)
        {
            // The queued refresh asks every reached partition (no timer is pending here): whatever a direct mark or an earlier
            // notice left to retry is covered, so a deferral now retries only what it deferred.
            _retryAll = false;
            _retryOnly.Clear();
        }
        MatchItem[] items;
        try
        {
            items = await _postList.RefreshAsync(GrainFactory, matching, await MatchRecordAsync(), clock.Today,
                queued ? null : notice.Partitions, queued ? null : notice.Gains, cause,
                queued && !mark ? null : Permits);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            RetryFailed(queued ? null : notice.Partitions);
            throw;
        }
        // The notice's time is the sending silo's clock (a timestamp does not travel between silos); the server clock is the
        // one the silo's StaleListNotices windows run on (the system clock in a silo host, a fake one in tests).
        var lag = Math.Max(0, (clock.Now - notice.Since).TotalMilliseconds);
        PostListMetrics.RecordRefresh(this.GetPrimaryKeyString(), lag, items, _postList.LastAsked, _postList.LastSkipped,
            _postList.LastDeferred);
        RetryDeferred(Stopwatch.GetTimestamp() - (long)(lag / 1000 * Stopwatch.Frequency));
    }

    private PartitionRefreshPermits Permits => ServiceProvider.GetRequiredService<PartitionRefreshPermits>();

    // A refresh that deferred a partition retries after the refresh delay (at least RetryFloor, so a zero delay does not spin
    // against a busy partition); the timer asks the deferred partitions and those named by the notices that arrive before
    // it fires.
    private void RetryDeferred(long staleSince)
    {
        if (_postList.LastDeferred == 0)
        {
            _deferredStreak = 0;
            return;
        }
        _retryOnly.UnionWith(_postList.LastDeferredKeys);
        ScheduleListRefresh(RetryDelay());
        if (_listTimer is not null)
        {
            _listStaleSince = Math.Min(_listStaleSince, staleSince);
        }
    }

    // A refresh that failed (a partition call threw) keeps what it was asked to do for the timer, with the same backoff: a
    // failing partition is not hammered, and a deferred part is not forgotten because another part's call failed.
    private void RetryFailed(string[]? only)
    {
        if (only is null)
        {
            _retryAll = true;
        }
        else
        {
            _retryOnly.UnionWith(only);
        }
        ScheduleListRefresh(RetryDelay());
    }

    // The refresh delay (at least RetryFloor), doubled per consecutive deferral or failure up to 2^MaxBackoff times.
    private TimeSpan RetryDelay()
    {
        _deferredStreak = Math.Min(_deferredStreak + 1, MaxBackoff + 1);
        var delay = matching.PostListRefreshDelay > RetryFloor ? matching.PostListRefreshDelay : RetryFloor;
        return delay * (1 << (_deferredStreak - 1));
    }

    // One pending refresh at a time; the first mark's time is what the lag measures. A registration's (mark false) queued
    // refresh asks without permits; a direct mark's (zero delay) is queued the same way but takes them.
    private void ScheduleListRefresh(TimeSpan delay, bool mark = false)
    {
        if (_listTimer is not null || _listRefreshQueued)
        {
            // A registration joining a queued mark's refresh makes it the registration's (its first list is never deferred).
            _queuedMark &= mark;
            return;
        }
        if (delay <= TimeSpan.Zero)
        {
            // "In the next turn" without a grain timer: each timer is a finalizable System.Threading.Timer, one per
            // registration. A one-way call to itself is queued behind the current call instead.
            _listRefreshQueued = true;
            _queuedMark = mark;
            this.AsReference<ISeekerMatchingGrain>().PostListStaleInAsync(new StaleListNotice(null, clock.Now)).Ignore();
            return;
        }
        _listStaleSince = Stopwatch.GetTimestamp();
        _listTimer = this.RegisterGrainTimer(static (grain, _) => grain.RefreshListAsync(), this,
            new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = false });
    }

    private async Task RefreshListAsync()
    {
        _listTimer?.Dispose();
        _listTimer = null;
        if (state.State.MatchPartition is null || state.State.Registration is null)
        {
            return;
        }
        var staleSince = _listStaleSince;
        // The partitions the timer was started or told about: all after a direct mark, else the deferred and notified ones.
        string[]? only = _retryAll ? null : [.. _retryOnly];
        _retryAll = false;
        _retryOnly.Clear();
        MatchItem[] items;
        try
        {
            items = await _postList.RefreshAsync(GrainFactory, matching, await MatchRecordAsync(), clock.Today, only,
                cause: PostListMetrics.CauseTimer, permits: Permits);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            RetryFailed(only);
            throw;
        }
        if (_postList.LastAsked > 0 || _postList.LastDeferred == 0)
        {
            // A retry that asked nothing (every part deferred again) is not a refresh: no lag sample, no event.
            PostListMetrics.RecordRefresh(this.GetPrimaryKeyString(), staleSince, items, _postList.LastAsked, _postList.LastDeferred);
        }
        RetryDeferred(staleSince);
    }
}
