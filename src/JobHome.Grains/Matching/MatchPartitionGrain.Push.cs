using JobHome.Matching.Model;

namespace JobHome.Grains.Matching;

/// <summary>
/// The partition keeps its listers' parts fresh itself. Each holder entry keeps the seeker activation's query (record, k,
/// day: sent with every stored-list query) and the part it holds from here (the items last sent, their floors, explanation
/// stamp and congestion reasons). A change that touches a part marks its holder <b>dirty</b> (a set: a holder marked twice is
/// recomputed once): a listed post that changes (other than its free openings), fills or closes marks its listers; a new or
/// changed post marks the holders its score can enter (<see cref="NewPostsMayEnterAsync"/>, the floor test run here). One
/// window (<see cref="MatchingOptions.StaleNoticeWindow"/>, 3 s, on the server clock) after a holder's first mark (never
/// extended: later marks join it) the partition recomputes its part, first marked first, in batches of
/// <see cref="MatchingOptions.PushBatch"/> per turn (a one-way call to itself per batch, queued behind the calls that
/// arrived meanwhile, so upserts wait at most one batch), and pushes each part that changed to its activation with one
/// one-way <see cref="ISeekerMatchingGrain.PostListPushedAsync"/> (the activation's token on it); a part that comes out equal
/// to the held one (same ids, scores, keys and leading factors; linear factors vouched for by the stamps) sends nothing.
/// </summary>
public sealed partial class MatchPartitionGrain
{
    // Below a part's floor a new post cannot enter it (scores agree across the index's directions to the last bit; the margin
    // only makes a skip conservative, as in PostListCache).
    private const double FloorMargin = 1e-9;

    // How long past its due time an armed tick counts as lost (far beyond any queue a live partition has).
    private static readonly TimeSpan LostTick = TimeSpan.FromMinutes(2);

    // The least time between a tick and the next one it arms for a window still open (a full batch goes on at once): the
    // parts whose windows end within it are recomputed together.
    internal static readonly TimeSpan TickSpacing = TimeSpan.FromMilliseconds(250);

    // A seeker activation's listing here: its token, the time of its last query, its query and the part it holds. One object
    // per seeker for as long as it holds a part here (a query that lists again updates it in place), so the listener map, the
    // dirty set and the push queue hold the object itself: a change reaches its listers without a lookup by seeker id.
    private sealed class ListHolder(string id)
    {
        public string Id { get; } = id;
        public Guid Activation { get; set; }
        public DateTimeOffset At { get; set; }
        public SeekerMatchRecord? Seeker { get; set; }
        // The engine's record of Seeker (made once per query that lists, not once per recompute).
        public MatchSeeker? Query { get; set; }
        public int K { get; set; }
        public DateOnly AsOf { get; set; }
        // The post ids it listens to (its last part's; an entry is null where that post changed since: its listeners went
        // with it).
        public string?[] Listing { get; set; } = [];
        // Marked, waiting for its recompute (it is in _dirtyOrder); cleared by the recompute, an answer or its release.
        public bool Dirty { get; set; }
        // The part the activation holds from here (as sent: reused items carry only their leading factors), the explanation
        // stamp it was answered with, and the partition's floors for it: for any post that is not among its items, and for a
        // post indexed since, unchanged (RankingIndex.TopPostItems' newFloor).
        public MatchItem[] Items { get; set; } = [];
        public long Stamp { get; set; }
        public double Floor { get; set; } = double.NegativeInfinity;
        public double NewFloor { get; set; } = double.NegativeInfinity;
        // The congestion reasons of the partition's last answer for it (an aware part), reused where they word the same place.
        public HeldReasons? Reasons { get; set; }
        // The partition's version the part was last recomputed at (equal or not to the held one).
        public long Checked { get; set; }
    }

    // Dirty holders (ListHolder.Dirty set), first marked first, with the time of their first mark.
    private readonly Queue<(ListHolder Holder, DateTimeOffset Since)> _dirtyOrder = new();
    // This grain as its interface (made once: a reference's proxy is costly to make, and every tick needs one).
    private IMatchPartitionGrain? _self;
    private bool _pushArmed;
    // When the armed tick is due; a tick overdue by far more than a window (its self-call was lost: the silo was stopping)
    // is armed again by the next mark, so a lost tick never stops the pushes.
    private DateTimeOffset _pushDue;

    /// <inheritdoc />
    public Task NewPostsMayEnterAsync(string[] seekerIds, double[] scores, DateTimeOffset since) =>
        MayEnter(seekerIds, scores, since, newPost: false);

    /// <inheritdoc />
    public Task NewPostMayEnterAsync(string postId, string[] seekerIds, double[] scores, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(postId);
        return MayEnter(seekerIds, scores, since, _index.IndexedUnchanged(postId));
    }

    // newPost: the post is indexed here with the features it was first indexed with, so each holder's NewFloor applies.
    private Task MayEnter(string[] seekerIds, double[] scores, DateTimeOffset since, bool newPost)
    {
        ArgumentNullException.ThrowIfNull(seekerIds);
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Length != seekerIds.Length)
        {
            throw new ArgumentException($"{scores.Length} scores for {seekerIds.Length} seekers; one per seeker, same order.",
                nameof(scores));
        }
        var young = Young();
        List<MatchItem>? tell = null;
        List<string>? marked = PostListMetrics.ListensToMarks ? [] : null;
        var skipped = 0;
        var told = 0;
        for (var i = 0; i < seekerIds.Length; i++)
        {
            if (_holders.TryGetValue(seekerIds[i], out var holder))
            {
                if (scores[i] < (newPost ? holder.NewFloor : holder.Floor) - FloorMargin)
                {
                    skipped++;
                    continue;
                }
                if (Mark(holder, PostListMetrics.MarkNewPost, since))
                {
                    marked?.Add(seekerIds[i]);
                }
                else
                {
                    told++;
                }
            }
            else if (young && !_listless.Contains(seekerIds[i]))
            {
                // A live seeker may hold a part from this partition's earlier activation without being a holder here: it is
                // told the old way (a notice naming this partition; it re-asks and becomes a holder).
                (tell ??= []).Add(new MatchItem(seekerIds[i], scores[i], []));
            }
        }
        PostListMetrics.RecordQueries(PostListMetrics.CausePush, 0, skipped);
        if (tell is not null)
        {
            notices.NotifyGains(this.GetPrimaryKeyString(), tell);
        }
        PostListMetrics.RecordMarks(this.GetPrimaryKeyString(), marked ?? [], skipped, told + (tell?.Count ?? 0));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PushDirtyAsync()
    {
        var key = this.GetPrimaryKeyString();
        var batch = Math.Max(1, options.PushBatch);
        var window = options.StaleNoticeWindow;
        var now = clock.Now;
        var done = 0;
        // First marked, first recomputed, each once its own window has passed (so every mark within a holder's window costs
        // the one recompute), up to a batch per turn.
        while (done < batch && _dirtyOrder.TryPeek(out var next))
        {
            var holder = next.Holder;
            if (!holder.Dirty)
            {
                // Answered by a query since it was marked, or no longer a holder.
                _dirtyOrder.Dequeue();
                continue;
            }
            if (next.Since + window > now)
            {
                break;
            }
            _dirtyOrder.Dequeue();
            holder.Dirty = false;
            done++;
            Push(key, holder, next.Since);
        }
        if (!_dirtyOrder.TryPeek(out var head))
        {
            _pushArmed = false;
        }
        else
        {
            // A batch's rest on the next turn, behind whatever arrived meanwhile. Otherwise at the oldest waiting mark's window
            // end, but not sooner than TickSpacing: under a steady stream of marks each window ends a moment after the last,
            // and a tick per moment cost more calls to itself than recomputes (2.6 ticks per change against 4.9 pushes,
            // docs/benchmarks.md); a part then trails by at most TickSpacing more.
            var due = head.Since + window - now;
            ArmTick(done == batch && due <= TimeSpan.Zero ? TimeSpan.Zero : due > TickSpacing ? due : TickSpacing);
        }
        return Task.CompletedTask;
    }

    // Marks a holder dirty (once while it waits) and opens the window if none is open: it ends one window after the change
    // (since, default now), so a mark that reached the partition late does not wait a full window more.
    // False when the holder is told the earlier way instead (a caller of the version before pushes), or when its listing is
    // dropped because it was not asked for longer than ListenFor.
    private bool Mark(ListHolder holder, string cause, DateTimeOffset? since = null)
    {
        if (holder.Activation == Guid.Empty)
        {
            // A caller of the earlier version (no token, no push handler): the earlier notice, which makes it re-ask.
            notices.AddListing(this.GetPrimaryKeyString(), [holder.Id]);
            return false;
        }
        if (holder.Dirty)
        {
            PostListMetrics.RecordMarkedAgain(cause);
            return true;
        }
        var now = clock.Now;
        if (options.ListenFor != Timeout.InfiniteTimeSpan && now - holder.At > options.ListenFor)
        {
            // Not asked for longer than ListenFor: the listing goes instead of a recompute nobody may read. The seeker's
            // next read asks here again (its held version is behind by this change) and lists it again.
            Release(holder.Id);
            PostListMetrics.RecordForgotten(this.GetPrimaryKeyString(), [holder.Id]);
            return false;
        }
        holder.Dirty = true;
        var changed = since is { } at && at < now ? at : now;
        _dirtyOrder.Enqueue((holder, changed));
        PostListMetrics.RecordMarked(1, cause);
        if (_pushArmed && now < _pushDue + LostTick)
        {
            return true;
        }
        var window = changed + options.StaleNoticeWindow - now;
        ArmTick(window > TimeSpan.Zero ? window : TimeSpan.Zero);
        return true;
    }

    // The partition's next tick: a one-way call to itself after due (now: queued behind the calls that arrived meanwhile).
    private void ArmTick(TimeSpan due)
    {
        _pushArmed = true;
        _pushDue = clock.Now + due;
        var self = _self ??= GrainFactory.Reference<IMatchPartitionGrain>(this);
        if (due <= TimeSpan.Zero)
        {
            self.PushDirtyAsync().Ignore();
            return;
        }
        // Off this grain's execution context: the tick is a call of its own.
        using (ExecutionContext.SuppressFlow())
        {
            _ = PartitionTick.AfterAsync(self, Task.Delay(due, clock.Time));
        }
    }

    // Recomputes one holder's part and sends it when it changed.
    private void Push(string key, ListHolder holder, DateTimeOffset since)
    {
        if (holder.Seeker is not { } seeker)
        {
            return;
        }
        var matchOptions = options.ToMatchOptions(holder.AsOf);
        _version += _index.Adopt(matchOptions) ? 1 : 0;
        if (holder.Checked == _version)
        {
            return;
        }
        var held = holder.Items;
        var heldStamp = holder.Stamp;
        Func<string, bool>? reusable = held.Length == 0
            ? null
            : id => Held(held, id) && _index.SameExplanation(id, heldStamp);
        var items = _index.TopPostItems(holder.Query ?? seeker.ToMatchSeeker(), holder.K, matchOptions, seeker.History(), reusable,
            holder.Reasons, out var floor, out var newFloor, out var reused, out var reasons);
        PostListMetrics.RecordQueries(PostListMetrics.CausePush, 1, 0);
        var kept = Kept(reused);
        PostListMetrics.RecordExplained(items.Length - kept, kept);
        Listen(holder, items);
        holder.Checked = _version;
        holder.Floor = floor;
        holder.NewFloor = newFloor;
        holder.Reasons = reasons;
        if (SamePart(items, reused, held))
        {
            PostListMetrics.RecordPushUnchanged();
            return;
        }
        var part = new PartitionMatches(_version, items, floor, reused, _index.Stamp);
        holder.Items = items;
        holder.Stamp = _index.Stamp;
        PostListMetrics.RecordPushSent(SameIds(items, held));
        // The reference without Orleans' interface-type lookup per call (GrainReferences: its strings were ≈ 1 % of the
        // bytes allocated under load).
        GrainFactory.Reference<ISeekerMatchingGrain>(holder.Id)
            .PostListPushedAsync(new PostListPush(key, holder.Activation, holder.AsOf, part, since)).Ignore();
    }

    // True when a part lists the held part's ids in the same order (for the counters: a push that moved no post).
    private static bool SameIds(MatchItem[] items, MatchItem[] held)
    {
        if (items.Length != held.Length)
        {
            return false;
        }
        for (var i = 0; i < items.Length; i++)
        {
            if (!string.Equals(items[i].Id, held[i].Id, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    // How many items an answer left unexplained (their words held by the seeker).
    private static int Kept(bool[]? reused)
    {
        var kept = 0;
        if (reused is not null)
        {
            foreach (var r in reused)
            {
                kept += r ? 1 : 0;
            }
        }
        return kept;
    }

    // A recompute's ids are mostly the very strings of the held part (the index's): those match by reference, the rest by
    // value.
    private static bool Held(MatchItem[] held, string id)
    {
        foreach (var item in held)
        {
            if (ReferenceEquals(item.Id, id))
            {
                return true;
            }
        }
        foreach (var item in held)
        {
            if (string.Equals(item.Id, id, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True when a recomputed part equals the held one for the seeker: the same ids in the same order with the same scores
    /// and order keys, each item's linear factors vouched for by the stamps (reused) and its leading factors (an aware
    /// list's congestion reason) equal. An item explained afresh (its post's features or the model changed) counts as changed.
    /// </summary>
    internal static bool SamePart(MatchItem[] items, bool[]? reused, MatchItem[] held)
    {
        if (items.Length != held.Length || (items.Length > 0 && reused is null))
        {
            return false;
        }
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var old = held[i];
            if (!reused![i] || !string.Equals(item.Id, old.Id, StringComparison.Ordinal) || item.Score != old.Score
                || item.OrderKey != old.OrderKey || old.Factors.Length < item.Factors.Length)
            {
                return false;
            }
            for (var f = 0; f < item.Factors.Length; f++)
            {
                if (item.Factors[f] != old.Factors[f])
                {
                    return false;
                }
            }
        }
        return true;
    }
}

/// <summary>
/// A partition's push tick, off the grain's scheduler: after the window (a delay on the server clock) it calls the partition
/// (one-way), so the wait neither runs on nor keeps the grain that armed it.
/// </summary>
internal static class PartitionTick
{
    public static async Task AfterAsync(IMatchPartitionGrain partition, Task window)
    {
        await window.ConfigureAwait(false);
        try
        {
            await partition.PushDirtyAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Best effort (the silo is stopping); reads are exact regardless, and the next mark arms a lost tick again.
        }
    }
}
