using System.Diagnostics;
using JobHome.Grains.Matching;

namespace JobHome.Grains.People;

/// <summary>
/// The seeker's stored post list trails the changes that make it stale: a registration or a stale notice marks it and
/// starts one timer; the refresh runs when the timer fires (after <see cref="MatchingOptions.PostListRefreshDelay"/>, at
/// once for a registration), so every notice in between costs one refresh, not one each. Reads never wait for it: they
/// recompute whatever changed (see docs/grains.md, Post lists).
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
        await _postList.RefreshAsync(GrainFactory, matching, await MatchRecordAsync(), clock.Today);
        PostListMetrics.RecordRefresh(this.GetPrimaryKeyString(), _listStaleSince);
    }
}
