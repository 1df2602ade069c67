using JobHome.Domain.Indicators;
using JobHome.Domain.Sites;
using JobHome.Grains.Sharding;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Sites;
using JobHome.Grains.Time;
using JobHome.Storage;
using JobHome.Storage.Streams;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace JobHome.Grains.Indicators;

/// <summary>
/// A site's aggregator. Exactness: each record's newest contribution replaces its previous one (duplicates and
/// reorderings of the at-least-once stream change nothing), each child's newest totals replace its previous ones, and
/// the counts are always own + Σ children. Totals go upward at most once per <see cref="FlushPeriodOf"/> per site: at once
/// when the site has not reported for a period (so a change climbs the tiers without waiting at quiet times), otherwise
/// on the timer (batching every change of the period in one call); and on activation, so a report lost in a crash is
/// sent again. Report numbers come from a per-activation epoch, so a report costs the parent's write only.
/// <para>
/// Township streams: a village's or community's records arrive on its township's stream (<see cref="IndicatorStreams"/>),
/// each event naming its site. The township keeps those entries beside its own, keyed <c>site|source</c>
/// (<see cref="MemberKey"/>), and per member site the sum of its entries; its subtree is own + members + reporting
/// children. A member site's activation (a <em>proxy</em>) holds nothing and writes nothing: every call goes to its
/// township (reads, live feed, waits, recount, bulk), and whatever still arrives on its own stream (queued before
/// township streams) is forwarded there. On its first activation since, a township takes over the entries its members
/// stored themselves (<see cref="AdoptMembersAsync"/>) and drops their child totals.
/// </para>
/// </summary>
[ImplicitStreamSubscription(IndicatorStreams.Namespace)]
public sealed partial class SiteIndicatorsGrain
    : Grain, ISiteIndicatorsGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<IndicatorChange>
{
    /// <summary>
    /// How often changed totals go to the parent. Under steady load every tier waits up to one period, so a change at a
    /// village reaches the province within about four periods (500 ms made a p99 of ~2.1 s end to end, 200 ms ~1.1 s). A
    /// report is one call and a copy of two sorted arrays, so a short period costs little; reports never outnumber the
    /// changes and child reports a site receives. Default: 100 ms.
    /// </summary>
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The period of a county (<see cref="FlushPeriod"/> halved) and of a city (quartered). A parent with several reporting
    /// children always has news under load, so each of these tiers held every change a full period (uniform wait, p50 ≈
    /// half a period, p99 ≈ a period) on its way to the province; there are few of them (one county and one city above
    /// Xinfeng's ~20 townships; 100 counties and 11 cities in a province), so the extra reports are few: at most
    /// 20 + 40 a second per county and city. Townships, which are many, and every other kind keep
    /// <see cref="FlushPeriod"/>.
    /// </summary>
    public static TimeSpan FlushPeriodOf(SiteKind? kind) => kind switch
    {
        SiteKind.County => FlushPeriod / 2,
        SiteKind.City => FlushPeriod / 4,
        _ => FlushPeriod,
    };

    /// <summary>
    /// How often a parent writes the child totals it received (a crash loses at most this much, asked again from the
    /// children on the next activation). Default: 1 s.
    /// </summary>
    public static readonly TimeSpan ChildTotalsWritePeriod = TimeSpan.FromSeconds(1);

    // How long a child asked to report after an unclean stop is given before it is asked again.
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromSeconds(10);

    private readonly IPersistentState<SiteIndicatorsState> state;
    private readonly ServerClock clock;
    private readonly ILogger<SiteIndicatorsGrain> logger;

    // The per-record entries: 16 base shards and a journal of the entries changed since (see JournaledShardedMap); a
    // delivery writes the journal alone, or on a fold the bases it touched.
    private readonly JournaledShardedMap<SourceEntry> _sources;

    /// <summary>The stored name of the record entries' rows (<c>{name}-0</c> … <c>-15</c>, <c>{name}-journal</c>).</summary>
    public const string SourcesStateName = "indicator-sources";

    /// <summary>Creates the aggregator; its record entries live in <see cref="JournaledShardedMap{TValue}"/>'s rows.</summary>
    public SiteIndicatorsGrain(
        [PersistentState("indicators", StorageNames.Default)] IPersistentState<SiteIndicatorsState> state,
        IPersistentStateFactory stateFactory,
        ServerClock clock,
        ILogger<SiteIndicatorsGrain> logger)
    {
        this.state = state;
        this.clock = clock;
        this.logger = logger;
        _sources = new JournaledShardedMap<SourceEntry>(stateFactory, ((IGrainBase)this).GrainContext, SourcesStateName,
            StorageNames.Default);
    }

    private readonly IndicatorCounts _own = new();
    private readonly IndicatorCounts _subtree = new();
    // This site's code (set on activation).
    private string _code = string.Empty;
    // A member site (village, community): the township that holds its entries; every call is forwarded there.
    private string? _host;
    // A township: the own counts of each member site whose records arrive on this stream.
    private readonly Dictionary<string, IndicatorCounts> _members = new(StringComparer.Ordinal);
    private bool _hostsMembers;
    // The newest totals of each child in memory (the counts a report carried: the sender never changes them), and the
    // children whose stored entry is older: only their entries are rebuilt for the next state write.
    private readonly Dictionary<string, (long Version, IndicatorCounts Totals)> _children = new(StringComparer.Ordinal);
    private readonly HashSet<string> _childrenChanged = new(StringComparer.Ordinal);
    private readonly List<TaskCompletionSource> _waiters = [];
    // The live feed's waiters and the activation's change number (bumped whenever the subtree counts may have changed).
    private readonly List<TaskCompletionSource> _changeWaiters = [];
    private long _changeNumber;
    private SiteProfile? _site;
    private bool _dirty;
    private bool _childrenUnwritten;
    private long _reports;
    private long _lastReportTicks = long.MinValue / 2;
    private long _lastChildWriteTicks = long.MinValue / 2;
    // Children asked to report again after an unclean stop that have not reported yet: asked again on the timer, and
    // the state is marked as cleanly stopped only once every one of them has reported (their totals are then current).
    private readonly HashSet<string> _awaitedChildren = new(StringComparer.Ordinal);
    private long _lastAskTicks;
    private bool _activated;
    private IGrainTimer? _flushTimer;
    private bool _flushTimerArmed;
    private long _flushDueTicks;
    // This site's FlushPeriodOf its kind, in milliseconds (FlushPeriod until the profile is known).
    private long _flushPeriodMs = (long)FlushPeriod.TotalMilliseconds;
    // The report to the parent and the child totals' write in flight (at most one of each). Neither holds this
    // activation's turn: a township's stream delivery used to wait for its report and, on a leading edge, the whole chain
    // of reports above it, and a county or city stopped taking its children's reports while its once-a-second write
    // waited on the single SQLite writer. Their ends arm the timer for what is left; a stop waits for both.
    private Task? _report;
    private Task? _childWrite;
    // The oldest unreported change (for IndicatorMetrics' hold), and the site's tier as a metric tag.
    private long _pendingSinceTicks;
    private KeyValuePair<string, object?> _tierTag = new("tier", "unknown");
    // Set when the profile was looked up and not found: the site has no known parent, so unsent totals do not keep the
    // timer ticking; the next change, child report or activation looks again.
    private bool _profileUnknown;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _code = this.GetPrimaryKeyString();
        var site = await GrainFactory.GetGrain<ISiteGrain>(_code).GetAsync();
        SetSite(site?.Profile);
        if (site?.Profile is { } profile
            && IndicatorStreams.KeyOf(profile.Code, profile.Kind, profile.ParentCode) is var key
            && !string.Equals(key, _code, StringComparison.Ordinal))
        {
            // A village or community: its township holds its entries. Nothing of this grain's own storage is used or
            // written (no epoch, no timer); what it stored before township streams was taken over by the township.
            _host = key;
            await base.OnActivateAsync(cancellationToken);
            _activated = true;
            return;
        }
        _hostsMembers = site is not null && IndicatorStreams.HostsChildren(site.Profile.Kind);
        await MigrateSourcesAsync(cancellationToken);
        if (_hostsMembers && !state.State.MembersAdopted)
        {
            // Written with the epoch below (after the adopted entries' shards): a crash in between adopts again.
            await AdoptMembersAsync(site!.Children, cancellationToken);
        }
        foreach (var (entryKey, entry) in _sources.Entries)
        {
            CountsOf(MemberOf(entryKey)).Apply(entry.ToContribution());
        }
        _subtree.Add(_own);
        foreach (var member in _members.Values)
        {
            _subtree.Add(member);
        }
        foreach (var (code, child) in state.State.Children)
        {
            var totals = child.ToCounts();
            _children[code] = (child.Version, totals);
            _subtree.Add(totals);
        }
        // Older states numbered reports 1, 2, …: any epoch ≥ 1 numbers above them.
        state.State.ReportEpoch = Math.Max(state.State.ReportEpoch, state.State.ReportVersion >> 32) + 1;
        var stoppedCleanly = state.State.StoppedCleanly;
        state.State.StoppedCleanly = false;
        await state.WriteStateAsync(cancellationToken);
        if (!stoppedCleanly)
        {
            // Child totals are written at most once per ChildTotalsWritePeriod, so a crash may have lost the newest
            // reports: every child reports again (one-way: a child's report calls this grain, which must not wait on it).
            // Until they do, the stored totals are served; the parent keeps the newest report per child, so repeats change nothing.
            // A township's children are its members (no reports to wait for): only children still reporting are asked.
            _awaitedChildren.UnionWith(_hostsMembers
                ? state.State.Children.Keys
                : state.State.Children.Keys.Union(site?.Children ?? [], StringComparer.Ordinal));
            AskAwaitedChildren();
        }
        // A report may have been lost with the previous activation: send the totals again (the parent keeps the newest).
        MarkDirty();
        // One-shot, armed only while there is something to send, write or ask: an idle aggregator has no timer ticking
        // (every active aggregator ticking each period kept an idle province silo at a third of a core).
        _flushTimer = this.RegisterGrainTimer(static (grain, _) => grain.OnFlushTimerAsync(), this,
            new GrainTimerCreationOptions
            {
                DueTime = Timeout.InfiniteTimeSpan, Period = Timeout.InfiniteTimeSpan, Interleave = false,
            });
        ArmFlushTimer();
        await base.OnActivateAsync(cancellationToken);
        _activated = true;
    }

    // One-way asks: a child's report calls this grain, which must not wait on it.
    private void AskAwaitedChildren()
    {
        _lastAskTicks = Environment.TickCount64;
        foreach (var child in _awaitedChildren)
        {
            GrainFactory.GetGrain<ISiteIndicatorsGrain>(child).ReportNowAsync().Ignore();
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A clean stop writes the newest child totals, so the next activation need not ask the children again; a site
        // without children (most of them: villages) has nothing to ask for and skips the write.
        // Not after a failed activation, nor while a child asked after an unclean stop has not answered: the stored totals
        // may be stale, and the next activation must ask again.
        if (_report is { } report)
        {
            await report;
        }
        if (_childWrite is { } childWrite)
        {
            await childWrite;
        }
        var clean = _activated && _awaitedChildren.Count == 0;
        if (_childrenUnwritten || (clean && _children.Count > 0))
        {
            state.State.StoppedCleanly = clean;
            _childrenUnwritten = false;
            StageChangedChildren();
            await state.WriteStateAsync(cancellationToken);
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IndicatorsView> GetAsync() =>
        View(_host is null ? _subtree : await Host.GetMemberCountsAsync(_code));

    private IndicatorsView View(IndicatorCounts counts)
    {
        var snapshot = counts.Snapshot(_code, clock.Today);
        CreationUnit? unit = _site?.Kind switch
        {
            SiteKind.Village or SiteKind.Community => CreationUnit.Village,
            SiteKind.Township => CreationUnit.Township,
            _ => null,
        };
        var targets = IndicatorTargets.For(snapshot, unit, _site?.CreationLevel ?? CreationLevel.County);
        return new IndicatorsView(
            snapshot.SiteCode, snapshot.AsOf, snapshot.Employed, snapshot.Unemployed, snapshot.LabourForce, snapshot.EmploymentRate,
            snapshot.RegisteredUnemploymentRate, snapshot.UnemployedOver3Months, snapshot.ZeroEmploymentHouseholds,
            snapshot.ZeroEmploymentHouseholdsOverdue, snapshot.OpenPosts, snapshot.Openings, snapshot.ActiveSeekers,
            snapshot.PostsToSeekersRatio, snapshot.Placements, targets.EmploymentRate, targets.EmploymentRateMet,
            targets.ZeroEmploymentHouseholdsOverdueMet);
    }

    /// <inheritdoc />
    public Task<IndicatorCounts> GetCountsAsync() =>
        _host is null ? Task.FromResult(_subtree.Clone()) : Host.GetMemberCountsAsync(_code);

    /// <inheritdoc />
    public Task ReportChildTotalsAsync(string childCode, long version, Immutable<IndicatorCounts> totals) =>
        ReportChildAsync(childCode, version, totals.Value);

    /// <inheritdoc />
    public async Task ReportChildAsync(string childCode, long version, IndicatorCounts totals)
    {
        ArgumentException.ThrowIfNullOrEmpty(childCode);
        ArgumentNullException.ThrowIfNull(totals);
        if (_host is not null || _hostsMembers)
        {
            // A member site has no children, and a township's children are its members, whose records it holds: a report
            // (from a member activated before its site was known) would count them twice.
            LogReportIgnored(logger, _code, childCode);
            return;
        }
        _awaitedChildren.Remove(childCode);
        var known = _children.TryGetValue(childCode, out var held);
        if (known && held.Version >= version)
        {
            return;
        }
        // The new totals first, then the old out: every date of the old totals is then held, so both merges are in place
        // unless the child brings a new date (removing first would drop the dates only this child holds, then re-add them).
        _subtree.Add(totals);
        if (known)
        {
            _subtree.Add(held.Totals, -1);
        }
        _children[childCode] = (version, totals);
        _childrenChanged.Add(childCode);
        // Written on the flush timer (at most once per ChildTotalsWritePeriod), not per report: a township took a
        // whole-state write for every village report. A crash loses at most that much, which the next activation asks for
        // again.
        _childrenUnwritten = true;
        MarkDirty();
        await FlushIfQuietAsync();
    }

    /// <inheritdoc />
    public async Task FlushAsync()
    {
        if (_host is not null)
        {
            await Host.FlushAsync();
            return;
        }
        MarkDirty();
        await FlushSelfAsync();
        if (_site?.ParentCode is { } parent)
        {
            await GrainFactory.GetGrain<ISiteIndicatorsGrain>(parent).FlushAsync();
        }
    }

    /// <inheritdoc />
    public async Task ReportNowAsync()
    {
        if (_host is not null)
        {
            await Host.ReportNowAsync();
            return;
        }
        MarkDirty();
        await FlushSelfAsync();
    }

    /// <inheritdoc />
    public Task<bool> IsFlushTimerArmedAsync() =>
        _host is null ? Task.FromResult(_flushTimerArmed || _report is not null || _childWrite is not null) : Host.IsFlushTimerArmedAsync();

    /// <inheritdoc />
    public Task<RecountResult> RecountAsync() =>
        _host is null ? RecountSiteAsync(_code, null) : Host.RecountMemberAsync(_code);

    /// <inheritdoc />
    public Task<RecountResult> RecountMemberAsync(string siteCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        return _host is null ? RecountSiteAsync(siteCode, MemberOrNull(siteCode)) : Host.RecountMemberAsync(siteCode);
    }

    // The recount of site `code`'s records: this site's own (member null) or a member's.
    private async Task<RecountResult> RecountSiteAsync(string code, string? member)
    {
        var indexed = await GrainFactory.GetGrain<ISiteDirectoryGrain>(code).GetSourceIdsAsync();
        var ids = HeldIds(member).Union(indexed, StringComparer.Ordinal).ToArray();
        var counts = CountsOf(member);
        long corrected = 0;
        // Read from storage in batches (RecountReaderGrain): only records with an unpublished change are activated. The
        // versions held here go along, as the subtree recount sends them (IRecountSourcesGrain): a record changed live
        // looks unpublished in storage until its next write, but when this site holds its stored version the change did
        // arrive, so it is read from storage instead of activated.
        var reports = new List<IndicatorSourceReport>(ids.Length);
        foreach (var chunk in ids.Chunk(500))
        {
            var held = chunk.Select(id => _sources.TryGetValue(KeyOf(member, id), out var entry) ? entry!.Version : -1).ToArray();
            reports.AddRange(await GrainFactory.GetGrain<IRecountReaderGrain>(0).ReadAsync(code, chunk, held));
        }
        for (var i = 0; i < ids.Length; i++)
        {
            var (sourceId, report) = (ids[i], reports[i]);
            var truth = string.Equals(report.SiteCode, code, StringComparison.Ordinal) ? report.Contribution : default;
            var key = KeyOf(member, sourceId);
            var known = _sources.TryGetValue(key, out var held);
            if (!known && truth == default)
            {
                continue;
            }
            var heldContribution = known ? held!.ToContribution() : default;
            if (!known || report.Version != held!.Version || truth != heldContribution)
            {
                counts.Change(heldContribution, truth);
                _subtree.Change(heldContribution, truth);
                _sources.Set(key, SourceEntry.Of(report.Version, truth));
                corrected++;
            }
        }
        if (corrected > 0)
        {
            await _sources.WriteAllAsync();
            LogRecountCorrected(logger, code, corrected);
        }
        MarkDirty();
        await FlushSelfAsync();
        return new RecountResult(ids.Length, corrected);
    }

    /// <inheritdoc />
    public Task<bool> WaitForOwnCountsAsync(IndicatorCounts expected, TimeSpan timeout) =>
        _host is null ? WaitForCountsAsync(null, expected, timeout) : Host.WaitForMemberCountsAsync(_code, expected, timeout);

    /// <inheritdoc />
    public Task<bool> WaitForMemberCountsAsync(string siteCode, IndicatorCounts expected, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        return _host is null
            ? WaitForCountsAsync(MemberOrNull(siteCode), expected, timeout)
            : Host.WaitForMemberCountsAsync(siteCode, expected, timeout);
    }

    private async Task<bool> WaitForCountsAsync(string? member, IndicatorCounts expected, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(expected);
        using var cancel = new CancellationTokenSource(timeout, TimeProvider.System);
        while (!PeekCounts(member).Equals(expected))
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add(signal);
            using (cancel.Token.Register(() => signal.TrySetResult()))
            {
                await signal.Task;
            }
            if (cancel.IsCancellationRequested)
            {
                return PeekCounts(member).Equals(expected);
            }
        }
        return true;
    }

    /// <inheritdoc />
    public async Task<long> WaitForChangeAsync(long seen, TimeSpan timeout)
    {
        if (_host is not null)
        {
            // The township's change numbers: a member's feed wakes on any change of the township (and reads its own).
            return await Host.WaitForChangeAsync(seen, timeout);
        }
        if (seen != _changeNumber)
        {
            return _changeNumber;
        }
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _changeWaiters.Add(signal);
        using var cancel = new CancellationTokenSource(timeout, TimeProvider.System);
        using (cancel.Token.Register(() => signal.TrySetResult()))
        {
            await signal.Task;
        }
        _changeWaiters.Remove(signal);
        return _changeNumber;
    }

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        // As a batch observer: the pulling agent hands over up to its delivery batch of queued messages in one call.
        await handleFactory.Create<IndicatorChange>().ResumeAsync((IAsyncBatchObserver<IndicatorChange>)this);
    }

    /// <summary>
    /// A delivery batch: every change applied in memory and stored in one journal write (or, when the journal is full, in
    /// one write per touched base shard); the last write also deletes the delivery's queue rows in its own transaction (<see cref="StreamAcknowledgement"/>, on the embedded
    /// store), so a change is stored and acknowledged together or neither (exact after SIGKILL). Elsewhere the agent
    /// confirms after the call returns, so the queue is still acknowledged only for changes that are stored.
    /// </summary>
    public Task OnNextAsync(IList<SequentialItem<IndicatorChange>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (_host is not null)
        {
            return ForwardToHostAsync(items);
        }
        var publishedAt = new long[items.Count];
        var applied = 0;
        foreach (var item in items)
        {
            if (Apply(item.Item, out _))
            {
                publishedAt[applied++] = item.Item.PublishedAtUnixMs;
            }
        }
        IndicatorMetrics.RecordRepeats(items.Count - applied);
        return WriteChangedAsync(applied > 0, publishedAt.AsMemory(0, applied), items);
    }

    // Newest version per source and site wins: an older or repeated change is ignored (false). An event naming another
    // site (a member's record on this township's stream) goes to that member's entries.
    private bool Apply(IndicatorChange item, out string key) =>
        ApplyEntry(item.SiteCode is { } site && !string.Equals(site, _code, StringComparison.Ordinal) ? site : null,
            item.SourceId, item.Version, item.Contribution, out key);

    private bool ApplyEntry(string? member, string sourceId, long version, IndicatorContribution contribution, out string key)
    {
        key = KeyOf(member, sourceId);
        var counts = CountsOf(member);
        if (_sources.TryGetValue(key, out var held))
        {
            if (held.Version >= version)
            {
                return false;
            }
            counts.Change(held.ToContribution(), contribution);
            _subtree.Change(held.ToContribution(), contribution);
        }
        else
        {
            counts.Apply(contribution);
            _subtree.Apply(contribution);
        }
        _sources.Set(key, SourceEntry.Of(version, contribution));
        return true;
    }

    private async Task WriteChangedAsync(
        bool changed, ReadOnlyMemory<long> publishedAt,
        IList<SequentialItem<IndicatorChange>> delivered)
    {
        if (!changed)
        {
            // Nothing to write (repeats only): the agent's confirmation deletes the rows.
            return;
        }
        try
        {
            // The writes carry the delivery's acknowledgement: the journal row alone, or on a fold each base shard with
            // changes, the last of them deleting the rows (this site is the stream's only subscriber). Repeats in the
            // delivery go too: what they carry is already stored.
            using (StreamAcknowledgement.Begin(delivered.Select(i => i.Token), _sources.PendingWrites))
            {
                await _sources.WriteChangesAsync();
            }
        }
        catch
        {
            // Memory is now ahead of storage: a redelivery would be taken for a repeat and never written. Start over
            // from storage (the agent redelivers the batch to the next activation).
            DeactivateOnIdle();
            throw;
        }
        foreach (var at in publishedAt.Span)
        {
            IndicatorMetrics.RecordStreamLag(at);
        }
        MarkDirty();
        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult();
        }
        _waiters.Clear();
        await FlushIfQuietAsync();
    }

    // The leading edge of the rate limit: report now when the last report is a period old; the timer sends the rest.
    // Every path that leaves work for the timer (a change, a child report, a bulk step) comes through here.
    private async Task FlushIfQuietAsync()
    {
        _profileUnknown = false;
        try
        {
            if (Environment.TickCount64 - _lastReportTicks >= _flushPeriodMs)
            {
                await StartReportAsync();
            }
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The change is stored; the timer reports it (the profile's lookup failed, the site stays dirty).
            LogReportFailed(logger, this.GetPrimaryKeyString(), e);
        }
        finally
        {
            // After the leading-edge report, so the timer is armed only for what is left (the root, which never reports,
            // no longer took a tick after each child report).
            ArmFlushTimer();
        }
    }

    // States written before the shards held every entry in SiteIndicatorsState.Sources: move them into the shards (the
    // newer version wins, so a move cut short by a crash is simply done again), then empty the old map.
    private async Task MigrateSourcesAsync(CancellationToken cancellationToken)
    {
        if (state.State.Sources.Count == 0)
        {
            return;
        }
        foreach (var (id, entry) in state.State.Sources)
        {
            if (!_sources.TryGetValue(id, out var held) || held.Version < entry.Version)
            {
                _sources.Set(id, entry);
            }
        }
        await _sources.WriteAllAsync(cancellationToken);
        state.State.Sources.Clear();
        await state.WriteStateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(logger, _code, ex);
        return Task.CompletedTask;
    }

    private bool HasPendingWork => (_dirty && !_profileUnknown) || _childrenUnwritten || _awaitedChildren.Count > 0;

    private void MarkDirty()
    {
        // Every path that changes the counts marks the site dirty: wake the live feeds here.
        _changeNumber++;
        if (_changeWaiters.Count > 0)
        {
            foreach (var waiter in _changeWaiters)
            {
                waiter.TrySetResult();
            }
            _changeWaiters.Clear();
        }
        if (!_dirty)
        {
            _dirty = true;
            _pendingSinceTicks = Environment.TickCount64;
        }
    }

    private void SetSite(SiteProfile? site)
    {
        _site = site;
        if (site is not null)
        {
            _tierTag = new("tier", site.Kind.ToString());
            _flushPeriodMs = (long)FlushPeriodOf(site.Kind).TotalMilliseconds;
        }
    }

    // Arms the one-shot flush timer when there is pending work, for the earliest moment one of its rate limits allows
    // (totals: a period after the last report, not a period after the change: the leading edge of the limit; child
    // totals: a write period after the last write; asks: AskAgainAfter the last). Brought forward when new work is due
    // sooner than the armed tick.
    private void ArmFlushTimer()
    {
        if (_flushTimer is null || !HasPendingWork)
        {
            return;
        }
        var now = Environment.TickCount64;
        var due = long.MaxValue;
        // Work in flight (a report, a write) arms the timer when it ends, not a tick now.
        if (_dirty && !_profileUnknown && _report is null)
        {
            due = _lastReportTicks + _flushPeriodMs;
        }
        if (_childrenUnwritten && _childWrite is null)
        {
            due = Math.Min(due, _lastChildWriteTicks + (long)ChildTotalsWritePeriod.TotalMilliseconds);
        }
        if (_awaitedChildren.Count > 0)
        {
            due = Math.Min(due, _lastAskTicks + (long)AskAgainAfter.TotalMilliseconds);
        }
        if (due == long.MaxValue)
        {
            return;
        }
        due = Math.Max(due, now + 1);
        if (_flushTimerArmed && _flushDueTicks <= due)
        {
            return;
        }
        _flushTimerArmed = true;
        _flushDueTicks = due;
        _flushTimer.Change(TimeSpan.FromMilliseconds(due - now), Timeout.InfiniteTimeSpan);
    }

    private async Task OnFlushTimerAsync()
    {
        _flushTimerArmed = false;
        try
        {
            await FlushTimerStepAsync();
        }
        finally
        {
            // Work left (a child not yet written, a child still awaited, a failed report): tick again in a period.
            ArmFlushTimer();
        }
    }

    private async Task FlushTimerStepAsync()
    {
        if (_awaitedChildren.Count > 0 && Environment.TickCount64 - _lastAskTicks >= AskAgainAfter.TotalMilliseconds)
        {
            AskAwaitedChildren();
        }
        // The report first: it need not wait for the child totals' write (a crash before the write is covered by the
        // next activation's asks, and its reports number above this one).
        if (Environment.TickCount64 - _lastReportTicks >= _flushPeriodMs)
        {
            await StartReportAsync();
        }
        if (_childrenUnwritten && _childWrite is null
            && Environment.TickCount64 - _lastChildWriteTicks >= ChildTotalsWritePeriod.TotalMilliseconds)
        {
            _childrenUnwritten = false;
            _lastChildWriteTicks = Environment.TickCount64;
            StageChangedChildren();
            var write = WriteChildTotalsAsync();
            _childWrite = write.IsCompleted ? null : write;
        }
    }

    // The child totals' write, not awaited by the timer's turn. Nothing changes state.State while it is in flight: the
    // children's newest totals wait in _children until the next write stages them, and a stop waits for it.
    private async Task WriteChildTotalsAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // Staged in state.State already: the next write carries them.
            _childrenUnwritten = true;
            LogChildTotalsWriteFailed(logger, _code, e);
        }
        finally
        {
            _childWrite = null;
            ArmFlushTimer();
        }
    }

    // The paths that go on with work of their own (a delivery, a child's report, the timer) start the report and return:
    // its end arms the timer for the rest. One report at a time, so they reach the parent in their numbers' order.
    private async Task StartReportAsync()
    {
        if (_report is not null || await ParentToReportToAsync() is not { } parent)
        {
            return;
        }
        var report = SendReportAsync(parent);
        _report = report.IsCompleted ? null : report;
    }

    private async Task SendReportAsync(string parent)
    {
        try
        {
            await ReportAsync(parent);
        }
        catch (Exception e)
        {
            // Dirty again (ReportAsync): the timer retries a period after this attempt.
            LogReportFailed(logger, _code, e);
        }
        finally
        {
            _report = null;
            ArmFlushTimer();
        }
    }

    // Explicit flushes, asks and recounts wait for their report (after any report in flight, which carried older totals).
    private async Task FlushSelfAsync()
    {
        if (_report is { } inFlight)
        {
            await inFlight;
        }
        if (await ParentToReportToAsync() is { } parent)
        {
            await ReportAsync(parent);
        }
    }

    // The parent to send the totals to now, or null when there is nothing to send or nobody to send it to.
    private async Task<string?> ParentToReportToAsync()
    {
        if (!_dirty)
        {
            return null;
        }
        if (_site is null)
        {
            // Counted as a report attempt, so a failing lookup is retried a period later, not at once.
            _lastReportTicks = Environment.TickCount64;
            SetSite((await GrainFactory.GetGrain<ISiteGrain>(this.GetPrimaryKeyString()).GetAsync())?.Profile);
        }
        // Found (by any path) or not: a failed report of a known site must arm the timer again.
        _profileUnknown = _site is null;
        if (_site?.ParentCode is not { } parent)
        {
            // The root has nobody to report to (nothing pending). An unknown site stays dirty until its profile exists,
            // but does not tick for it: the next change, child report or activation looks again.
            _dirty = _site is null && _dirty;
            return null;
        }
        return parent;
    }

    private async Task ReportAsync(string parent)
    {
        _dirty = false;
        try
        {
            var started = Environment.TickCount64;
            IndicatorMetrics.RecordHold(started - _pendingSinceTicks, _tierTag);
            _lastReportTicks = started;
            var number = (state.State.ReportEpoch << 32) + ++_reports;
            // A fresh copy that nobody changes after the call: passed as immutable, so Orleans does not copy it again.
            await GrainFactory.GetGrain<ISiteIndicatorsGrain>(parent).ReportChildTotalsAsync(this.GetPrimaryKeyString(),
                number, _subtree.Clone().AsImmutable());
            IndicatorMetrics.RecordReportCall(Environment.TickCount64 - started, _tierTag);
        }
        catch
        {
            // Dirty again, keeping the first unsent change's time (the hold metric counts the retries) and waking nobody.
            _dirty = true;
            ArmFlushTimer();
            throw;
        }
    }

    // The stored form of the children that changed since the last write (their arrays copied once per write, not per
    // report); the state write then carries every child's newest totals.
    private void StageChangedChildren()
    {
        foreach (var code in _childrenChanged)
        {
            var (version, totals) = _children[code];
            state.State.Children[code] = ChildEntry.Of(version, totals);
        }
        _childrenChanged.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recount of site {SiteCode} corrected {Corrected} records")]
    private static partial void LogRecountCorrected(ILogger logger, string siteCode, long corrected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report of site {SiteCode} to its parent failed; the timer retries")]
    private static partial void LogReportFailed(ILogger logger, string siteCode, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Child totals' write of site {SiteCode} failed; the timer writes them again")]
    private static partial void LogChildTotalsWriteFailed(ILogger logger, string siteCode, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {SiteCode} got a report from {ChildCode}, a member site: ignored")]
    private static partial void LogReportIgnored(ILogger logger, string siteCode, string childCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicator stream of site {SiteCode} failed")]
    private static partial void LogStreamError(ILogger logger, string siteCode, Exception exception);
}
