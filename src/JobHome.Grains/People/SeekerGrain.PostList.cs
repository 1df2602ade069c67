using JobHome.Grains.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Grains.People;

/// <summary>
/// The seeker's stored post list. A registration computes none: the first read does (<see cref="GetPostListAsync"/>), and
/// lists the seeker in the partitions it reaches, which keep a part fresh only after a read
/// (<see cref="MatchingOptions.ListenFor"/>). A direct <see cref="PostListStaleAsync"/> (no silo sends it any more) starts one
/// timer (<see cref="MatchingOptions.PostListRefreshDelay"/>) and every mark until it fires costs one refresh of every
/// reached partition, queued in the next turn (a one-way call to itself); a read never waits for it (it recomputes
/// whatever changed, see docs/grains.md, Post lists). Between reads the partitions keep
/// the list's parts fresh themselves: a partition that a change moved a part of recomputes it one window later and pushes
/// it (<see cref="PostListPushedAsync"/>); the seeker takes a push meant for this activation when it is newer than the part
/// it holds. A push meant for an earlier activation (whose release did not arrive) releases exactly that activation's
/// listing there, by its token. An activation deactivated with a list releases its listings (named by its token,
/// <see cref="PostListCache.Activation"/>; the list lives in memory only), so a later change does not reactivate the seeker
/// to refresh a list nobody holds; the next read computes it afresh.
/// </summary>
public sealed partial class SeekerGrain
{
    private bool _listRefreshQueued;
    // A direct mark's timer (PostListRefreshDelay): every mark until it fires costs one refresh.
    private IGrainTimer? _markTimer;

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
        if (!_postList.HasList || state.State.Registration is null || _markTimer is not null)
        {
            return Task.CompletedTask;
        }
        if (matching.PostListRefreshDelay <= TimeSpan.Zero)
        {
            QueueListRefresh();
            return Task.CompletedTask;
        }
        _markTimer = this.RegisterGrainTimer(static (grain, _) =>
        {
            grain._markTimer?.Dispose();
            grain._markTimer = null;
            grain.QueueListRefresh();
            return Task.CompletedTask;
        }, this, new GrainTimerCreationOptions
        {
            DueTime = matching.PostListRefreshDelay,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = false,
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task PostListStaleInAsync(StaleListNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var queued = _listRefreshQueued;
        _listRefreshQueued = false;
        // Without a list there is nothing to keep fresh: a notice from a young partition or a silo of the version before
        // pushes for a part this activation never held, or a mark's refresh queued before the seeker left the index.
        if (!_postList.HasList || state.State.MatchPartition is null || state.State.Registration is null)
        {
            if (!queued && !_postList.HasList)
            {
                PostListMetrics.RecordNoticeWithoutList(this.GetPrimaryKeyString());
            }
            return;
        }
        var cause = queued ? PostListMetrics.CauseTimer : PostListMetrics.CauseNotice;
        // Not a read: a part not listed yet (computed for another record or day) is computed without listing the seeker, so
        // no partition keeps fresh a list nobody has looked at; the parts a read listed are listed again.
        var items = await _postList.RefreshAsync(GrainFactory, matching, await MatchRecordAsync(), clock.Today,
            queued ? null : notice.Partitions, queued ? null : notice.Gains, cause, listen: false);
        // The notice's time is the sending silo's clock (a timestamp does not travel between silos); the server clock is the
        // one the silo's windows run on (the system clock in a silo host, a fake one in tests).
        var lag = Math.Max(0, (clock.Now - notice.Since).TotalMilliseconds);
        PostListMetrics.RecordRefresh(this.GetPrimaryKeyString(), lag, items, _postList.LastAsked, _postList.LastSkipped);
    }

    /// <inheritdoc />
    public Task PostListPushedAsync(PostListPush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        var id = this.GetPrimaryKeyString();
        if (push.Activation != _postList.Activation)
        {
            // Meant for an earlier activation of this seeker whose release was lost (or is still on its way): release exactly
            // that listing (the partition forgets it only if that activation still holds it, so a listing this activation made
            // meanwhile is kept).
            PostListMetrics.RecordPushIgnored();
            ServiceProvider.GetRequiredService<StaleListNotices>().Release(id, push.Activation, [push.Partition]);
            return Task.CompletedTask;
        }
        switch (_postList.ApplyPush(push, matching.PostListSize))
        {
            case PostListCache.PushOutcome.Taken:
                var lag = Math.Max(0, (clock.Now - push.Since).TotalMilliseconds);
                PostListMetrics.RecordRefresh(id, lag, _postList.Items, 1, pushed: 1);
                break;
            case PostListCache.PushOutcome.NotInReach:
                // A partition this activation listed before its record moved: its listing there is of no use any more.
                PostListMetrics.RecordPushIgnored();
                ServiceProvider.GetRequiredService<StaleListNotices>().Release(id, _postList.Activation, [push.Partition]);
                break;
            default:
                PostListMetrics.RecordPushIgnored();
                break;
        }
        return Task.CompletedTask;
    }

    // One queued refresh at a time, in the next turn: a one-way call to itself is queued behind the current call (a grain
    // timer due at once cost a finalizable System.Threading.Timer per call).
    private void QueueListRefresh()
    {
        if (_listRefreshQueued)
        {
            return;
        }
        _listRefreshQueued = true;
        GrainFactory.Reference<ISeekerMatchingGrain>(this).PostListStaleInAsync(new StaleListNotice(null, clock.Now)).Ignore();
    }
}
