using System.Diagnostics;
using JobHome.Grains.Matching;

namespace JobHome.Grains.People;

/// <summary>
/// The seeker's stored post list trails the changes that make it stale. A registration (or a direct
/// <see cref="PostListStaleAsync"/>) marks it and starts one timer; the refresh runs when the timer fires (after
/// <see cref="MatchingOptions.PostListRefreshDelay"/>, at once for a registration), so every mark in between costs one
/// refresh. The partitions' and new posts' notices arrive coalesced per silo (<see cref="StaleListNotices"/>: one per
/// seeker per <see cref="MatchingOptions.StaleNoticeWindow"/>) and refresh at once, asking only the partitions they name.
/// Reads never wait for either: they recompute whatever changed (see docs/grains.md, Post lists).
/// </summary>
public sealed partial class SeekerGrain
{
    private IGrainTimer? _listTimer;
    private long _listStaleSince;

    /// <inheritdoc />
    public Task PostListStaleAsync()
    {
        if (_postList.HasList && state.State.Registration is not null)
        {
            ScheduleListRefresh(matching.PostListRefreshDelay);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task PostListStaleInAsync(StaleListNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        // A pending timer refreshes every partition anyway; without a list there is nothing to keep fresh.
        if (_listTimer is not null || !_postList.HasList || state.State.MatchPartition is null || state.State.Registration is null)
        {
            return;
        }
        var items = await _postList.RefreshAsync(GrainFactory, matching, await MatchRecordAsync(), clock.Today, notice.Partitions);
        // The notice's time is the sending silo's wall clock (a timestamp does not travel between silos).
        var lag = Math.Max(0, (DateTimeOffset.UtcNow - notice.Since).TotalMilliseconds);
        PostListMetrics.RecordRefresh(this.GetPrimaryKeyString(), lag, items, _postList.LastAsked);
    }

    // One pending refresh at a time; the first mark's time is what the lag measures.
    private void ScheduleListRefresh(TimeSpan delay)
    {
        if (_listTimer is not null)
        {
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
        var items = await _postList.RefreshAsync(GrainFactory, matching, await MatchRecordAsync(), clock.Today);
        PostListMetrics.RecordRefresh(this.GetPrimaryKeyString(), _listStaleSince, items, _postList.LastAsked);
    }
}
