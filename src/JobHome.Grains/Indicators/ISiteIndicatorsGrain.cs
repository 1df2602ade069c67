using JobHome.Domain.Indicators;
using Orleans.Concurrency;

namespace JobHome.Grains.Indicators;

/// <summary>
/// The indicator aggregator of one site (any tier), keyed by site code: its own records arrive over the durable stream
/// <see cref="IndicatorStreams.Namespace"/>; children report subtree totals, batched on a timer, and it reports its own upward.
/// A township's stream also carries its villages' and communities' records (its <em>members</em>): the township keeps their
/// entries, and a member's aggregator holds nothing itself and asks its township for everything (the <c>Member…</c> calls).
/// </summary>
[Alias("jobhome.ISiteIndicatorsGrain")]
public interface ISiteIndicatorsGrain : IGrainWithStringKey
{
    /// <summary>The indicators of the site's subtree today.</summary>
    [ReadOnly, Alias("Get")]
    Task<IndicatorsView> GetAsync();

    /// <summary>The subtree counts (by status date), for comparison with a recount.</summary>
    [ReadOnly, Alias("GetCounts")]
    Task<IndicatorCounts> GetCountsAsync();

    /// <summary>Takes a child's subtree totals; older reports than the one held are ignored.</summary>
    [Alias("ReportChild")]
    Task ReportChildAsync(string childCode, long version, IndicatorCounts totals);

    /// <summary>
    /// As <see cref="ReportChildAsync"/>, for totals the sender made for this call and never changes afterwards: passed
    /// without Orleans' deep copy (counts by status date are large, and each report copied them once more).
    /// </summary>
    [Alias("ReportChildTotals")]
    Task ReportChildTotalsAsync(string childCode, long version, Immutable<IndicatorCounts> totals);

    /// <summary>Sends the subtree totals to the parent now, and has the parent do the same, up to the root.</summary>
    [Alias("Flush")]
    Task FlushAsync();

    /// <summary>Sends the subtree totals to the parent now (this site only; the parent reports on its own timer).</summary>
    [Alias("ReportNow")]
    Task ReportNowAsync();

    /// <summary>
    /// Whether the one-shot flush timer is armed or a report or child-totals write it started is still in flight: only
    /// while totals are unsent, child totals unwritten or a child asked again has not answered (an idle aggregator runs
    /// no timer).
    /// </summary>
    [ReadOnly, Alias("IsFlushTimerArmed")]
    Task<bool> IsFlushTimerArmedAsync();

    /// <summary>
    /// The operators' repair of this site's own records: asks every record the site has heard from, and every record
    /// the site's index (<see cref="SiteRecords.ISiteDirectoryGrain"/>) lists, for its contribution, corrects any entry
    /// that differs (the record is the truth) and sends the totals up. A recount of a subtree calls this on each of its
    /// sites (calls only go upward, so aggregators never wait on each other in a cycle).
    /// </summary>
    [Alias("Recount")]
    Task<RecountResult> RecountAsync();

    /// <summary>
    /// Waits (without polling) until the subtree counts change after change number <paramref name="seen"/>, or
    /// <paramref name="timeout"/>, and returns the current change number (at once when it differs from
    /// <paramref name="seen"/>; numbers are per activation, so pass -1 the first time). For the live feed.
    /// </summary>
    [AlwaysInterleave, Alias("WaitForChange")]
    Task<long> WaitForChangeAsync(long seen, TimeSpan timeout);

    /// <summary>Waits (without polling) until the site's own records sum to <paramref name="expected"/>; false on timeout.</summary>
    [AlwaysInterleave, Alias("WaitForOwnCounts")]
    Task<bool> WaitForOwnCountsAsync(IndicatorCounts expected, TimeSpan timeout);

    /// <summary>A member site's own counts (a village of this township), for that site's aggregator.</summary>
    [ReadOnly, Alias("GetMemberCounts")]
    Task<IndicatorCounts> GetMemberCountsAsync(string siteCode);

    /// <summary>As <see cref="WaitForOwnCountsAsync"/>, for member site <paramref name="siteCode"/>'s records.</summary>
    [AlwaysInterleave, Alias("WaitForMemberCounts")]
    Task<bool> WaitForMemberCountsAsync(string siteCode, IndicatorCounts expected, TimeSpan timeout);

    /// <summary>As <see cref="RecountAsync"/>, for member site <paramref name="siteCode"/>'s records.</summary>
    [Alias("RecountMember")]
    Task<RecountResult> RecountMemberAsync(string siteCode);

    /// <summary>As <see cref="IRecountSourcesGrain.GetHeldVersionsAsync"/>, for member site <paramref name="siteCode"/>.</summary>
    [ReadOnly, Alias("GetMemberHeldVersions")]
    Task<RecountHeldSources> GetMemberHeldVersionsAsync(string siteCode);

    /// <summary>
    /// Entries of member site <paramref name="siteCode"/>'s records, newest version wins: what a bulk import gives the
    /// member, and what the member's own stream still carried (queued before township streams), forwarded by the member.
    /// </summary>
    [Alias("ApplyMemberSources")]
    Task ApplyMemberSourcesAsync(string siteCode, Bulk.BulkSource[] sources);
}
