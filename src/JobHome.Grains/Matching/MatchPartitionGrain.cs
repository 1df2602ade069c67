using JobHome.Grains.Hosting;
using JobHome.Grains.Time;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobHome.Grains.Matching;

/// <summary>
/// A partition of the match index: one <see cref="MatchIndex"/> over the records located in its cell. Its data is derived
/// (rebuilt from the records, see docs/grains.md), so it is held in memory only and the grain is kept active.
/// Every post change that can change a list bumps <c>_version</c> (seekers' lists compare it); the parts of seekers that
/// listed a changed or removed post, or that a new post can enter, are recomputed here one window after the first such change
/// and pushed to the seekers when they changed (MatchPartitionGrain.Push.cs), so a stored list keeps a closed or filled
/// post at most one window plus the tick spacing (250 ms), the batch drain and one one-way call. A change
/// of the free openings alone (some left, no re-ranker loaded: <c>RankingIndex.OnlyOpeningsChange</c>) changes no list,
/// so it neither bumps the version nor tells anyone.
/// Rebuild: the grain stores the sites whose records it has held; an activation that finds some (the memory was lost
/// with a silo, or the grain was deactivated) reads those sites' records straight from storage in paced batches on a
/// timer, answering queries and live changes between batches (see MatchPartitionGrain.Rebuild.cs).
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed partial class MatchPartitionGrain(
    [PersistentState("partition", StorageNames.Default)] IPersistentState<MatchPartitionState> state,
    MatchingOptions options,
    ModelCatalog models,
    ServerClock clock,
    StaleListNotices notices,
    IServiceProvider services,
    ILogger<MatchPartitionGrain> logger) : Grain, IMatchPartitionGrain
{
    private readonly RankingIndex _index = new(models);
    // Post id → the holders whose last part from here lists it (each holder keeps those posts, ListHolder.Listing, to forget
    // them on its next query).
    private readonly Dictionary<string, HashSet<ListHolder>> _listedBy = new(StringComparer.Ordinal);
    // Emptied lister sets, cleared and kept for the next post that gets listed (a filled post's set held hundreds of
    // holders under load; a new set grew to that size again through every resize: ~2 % of the silo's allocations).
    private readonly Stack<HashSet<ListHolder>> _spareListers = new();
    private const int SpareListersKept = 64;
    private const int SpareListersLargest = 4096;
    // Seekers whose activations hold a list with a part from here (even an empty one), with the token of the activation that
    // queried last (Guid.Empty from a caller without one), the time of that query (for the earlier, time-based release), its
    // query and the part it holds (MatchPartitionGrain.Push.cs): only they are kept fresh; the release of that activation (it
    // was deactivated) removes it.
    private readonly Dictionary<string, ListHolder> _holders = new(StringComparer.Ordinal);
    // Until then every top seeker is told of a new post, holder or not: seekers alive when this activation began may hold a
    // part from an earlier one (the partition moved after a silo failure) without being in _holders. Set on activation to
    // the activation time plus the record grains' collection age and quantum (ActivationOptions): by then such a seeker has
    // asked here again or been collected, unless kept busy by other calls.
    private DateTimeOffset _tellEveryoneUntil = DateTimeOffset.MaxValue;
    // Seekers upserted by this activation while it was young from an activation that held no list at all (a registration):
    // they hold no part from an earlier activation of this partition, and a listed part of this one makes them holders, so a
    // young partition tells them nothing. Emptied once the partition is no longer young (nobody is told the old way then).
    private readonly HashSet<string> _listless = new(StringComparer.Ordinal);
    // Starts from the clock's ticks, not 1, so a list computed against an earlier activation never matches a fresh one.
    private long _version = Math.Max(1, DateTime.UtcNow.Ticks);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var recordAge = (services.GetService<ActivationOptions>() ?? new ActivationOptions()).RecordAge;
        // An idle seeker is collected up to one collection quantum after its age.
        _tellEveryoneUntil = clock.Now + recordAge + ActivationOptions.CollectionQuantum + options.StaleNoticeWindow;
        if (state.State.Sites.Count > 0)
        {
            StartRebuild();
        }
        else
        {
            LogActivated(logger, this.GetPrimaryKeyString());
        }
        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task NoteSiteAsync(string siteCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        var now = clock.Now;
        var added = state.State.Sites.TryAdd(siteCode, true);
        // Each silo notes a site again once per NotedSiteLifetime; the stored time moves at most every half lifetime, so a
        // pruning rebuild knows no silo's entry outlived it (MatchPartitionGrain.Rebuild.cs).
        if (added || !state.State.Noted.TryGetValue(siteCode, out var last) || now - last > options.NotedSiteLifetime / 2)
        {
            state.State.Noted[siteCode] = now;
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task UpsertSeekerAsync(SeekerMatchRecord seeker)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        Touch(seeker.Id);
        _index.UpsertSeeker(seeker.ToMatchSeeker());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UpsertListlessSeekerAsync(SeekerMatchRecord seeker)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        if (Young())
        {
            _listless.Add(seeker.Id);
        }
        return UpsertSeekerAsync(seeker);
    }

    /// <inheritdoc />
    public Task UpsertSeekersAsync(SeekerMatchRecord[] seekers)
    {
        ArgumentNullException.ThrowIfNull(seekers);
        foreach (var seeker in seekers)
        {
            Touch(seeker.Id);
        }
        _index.UpsertSeekers(seekers.Select(static s => s.ToMatchSeeker()));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveSeekerAsync(string seekerId)
    {
        Touch(seekerId);
        _index.RemoveSeeker(seekerId);
        // Out of the index it is never among a new post's top seekers again (until upserted, which lists it anew).
        Release(seekerId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UpsertPostsAsync(PostMatchRecord[] posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var matchPosts = new MatchPost[posts.Length];
        List<string>? changed = null;
        for (var i = 0; i < posts.Length; i++)
        {
            Touch(posts[i].Id);
            matchPosts[i] = posts[i].ToMatchPost();
            // A placement that leaves the post openings changes no list: no new version (the seekers' cached lists stay
            // valid) and no stale notices (each would cost a refresh of a list that comes out the same).
            if (!_index.OnlyOpeningsChange(matchPosts[i]))
            {
                (changed ??= []).Add(posts[i].Id);
            }
        }
        _index.UpsertPosts(matchPosts);
        if (changed is null)
        {
            return Task.CompletedTask;
        }
        _version++;
        foreach (var id in changed)
        {
            NotifyListing(id, PostListMetrics.ListedChanged);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemovePostAsync(string postId)
    {
        Touch(postId);
        if (_index.RemovePost(postId))
        {
            _version++;
        }
        NotifyListing(postId, PostListMetrics.ListedRemoved);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PartitionMatches> TopPostsAsync(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion, bool listed) =>
        AnswerAsync(seeker, k, asOf, knownVersion, listed ? Guid.Empty : null, null, 0);

    /// <inheritdoc />
    public Task<PartitionMatches> ListPostsAsync(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion, Guid activation) =>
        AnswerAsync(seeker, k, asOf, knownVersion, activation, null, 0);

    /// <inheritdoc />
    public Task<PartitionMatches> RefreshListedPostsAsync(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion,
        string[] held, long heldStamp, Guid activation)
    {
        ArgumentNullException.ThrowIfNull(held);
        return AnswerAsync(seeker, k, asOf, knownVersion, activation, held, heldStamp);
    }

    /// <inheritdoc />
    public Task<PartitionMatches> RefreshPostsAsync(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion, string[] held,
        long heldStamp) =>
        RefreshListedPostsAsync(seeker, k, asOf, knownVersion, held, heldStamp, Guid.Empty);

    /// <inheritdoc />
    public Task ForgetActivationListingsAsync(string[] seekerIds, Guid[] activations, bool[] keepActivation)
    {
        ArgumentNullException.ThrowIfNull(seekerIds);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(keepActivation);
        if (activations.Length != seekerIds.Length || keepActivation.Length != seekerIds.Length)
        {
            throw new ArgumentException(
                $"{activations.Length} activations and {keepActivation.Length} flags for {seekerIds.Length} seekers; one per "
                + "seeker, same order.", nameof(activations));
        }
        var forgotten = new List<string>(seekerIds.Length);
        for (var i = 0; i < seekerIds.Length; i++)
        {
            var seekerId = seekerIds[i];
            // The listing belongs to the named activation or not, whatever the clocks of the silos say: a released
            // activation's token forgets only its own listing (a newer activation that asked again keeps its own), and a
            // live activation without a list forgets whatever another one left here.
            if (_holders.TryGetValue(seekerId, out var holder) && (holder.Activation == activations[i]) != keepActivation[i])
            {
                Release(seekerId);
                forgotten.Add(seekerId);
            }
        }
        PostListMetrics.RecordForgotten(this.GetPrimaryKeyString(), forgotten);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ForgetListingsAsync(string[] seekerIds, DateTimeOffset[] releasedAt)
    {
        ArgumentNullException.ThrowIfNull(seekerIds);
        ArgumentNullException.ThrowIfNull(releasedAt);
        if (releasedAt.Length != seekerIds.Length)
        {
            throw new ArgumentException(
                $"releasedAt has {releasedAt.Length} times for {seekerIds.Length} seekers; one per seeker, same order.",
                nameof(releasedAt));
        }
        var forgotten = new List<string>(seekerIds.Length);
        for (var i = 0; i < seekerIds.Length; i++)
        {
            var seekerId = seekerIds[i];
            // A query made since the release (a new activation asked again) belongs to a live list: kept. So does a listing
            // made with an activation token: the time rule is an older silo's, and its activations never made one.
            if (_holders.TryGetValue(seekerId, out var holder) && holder.Activation == Guid.Empty && holder.At <= releasedAt[i])
            {
                Release(seekerId);
                forgotten.Add(seekerId);
            }
        }
        PostListMetrics.RecordForgotten(this.GetPrimaryKeyString(), forgotten);
        return Task.CompletedTask;
    }

    // A seeker's post query: answered at once, or, while a rebuild still reads the posts, once they are all in, or after
    // RebuildPostsWait over the posts in so far (counted; the posts' end bumps the version, so a list answered early is
    // recomputed on its next read). The wait is the only await of these queries, which interleave (IMatchPartitionGrain),
    // so upserts, the rebuild's steps and other queries run meanwhile; the answer itself is one synchronous turn, as always.
    private Task<PartitionMatches> AnswerAsync(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion, Guid? listedBy,
        string[]? held, long heldStamp) =>
        _postsIn is { } postsIn
            ? AnswerOncePostsInAsync(postsIn.Task, seeker, k, asOf, knownVersion, listedBy, held, heldStamp)
            : Task.FromResult(Answer(seeker, k, asOf, knownVersion, listedBy, held, heldStamp));

    private async Task<PartitionMatches> AnswerOncePostsInAsync(Task postsIn, SeekerMatchRecord seeker, int k, DateOnly asOf,
        long knownVersion, Guid? listedBy, string[]? held, long heldStamp)
    {
        _postQueriesWaiting++;
        try
        {
            await postsIn.WaitAsync(options.RebuildPostsWait, clock.Time);
        }
        catch (TimeoutException)
        {
            PostQueriesBeforePostsIn.Add(1);
        }
        finally
        {
            _postQueriesWaiting--;
        }
        return Answer(seeker, k, asOf, knownVersion, listedBy, held, heldStamp);
    }

    // listedBy: the activation token of a stored list's query (Guid.Empty when the caller sent none); null for a live query.
    private PartitionMatches Answer(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion, Guid? listedBy, string[]? held,
        long heldStamp)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        _version += _index.Adopt(options.ToMatchOptions(asOf)) ? 1 : 0;
        if (knownVersion == _version)
        {
            return new PartitionMatches(_version, null);
        }
        Func<string, bool>? reusable = held is null || held.Length == 0
            ? null
            : id => Array.IndexOf(held, id) >= 0 && _index.SameExplanation(id, heldStamp);
        var known = _holders.TryGetValue(seeker.Id, out var holder);
        var prior = known ? holder!.Reasons : null;
        // A holder asking again with the same record (a read after a change) keeps its engine record, hence its kept query.
        var query = known && holder!.Query is { } same && holder.Seeker is { } last && last.SameEngineFeatures(seeker)
            ? same
            : seeker.ToMatchSeeker();
        if (listedBy is not null)
        {
            // A holder's part is recomputed with this record until its next query: its post query is kept (a memo of the scan).
            _index.KeepPostQuery(query);
        }
        var items = _index.TopPostItems(query, k, options.ToMatchOptions(asOf), seeker.History(), reusable, prior,
            out var floor, out var newFloor, out var reused, out var reasons);
        if (listedBy is { } activation)
        {
            // The holder's object stays the seeker's for as long as it holds a part here (it is in the listener map).
            if (holder is null)
            {
                holder = new ListHolder(seeker.Id);
                _holders[seeker.Id] = holder;
            }
            holder.Activation = activation;
            holder.At = clock.Now;
            holder.Seeker = seeker;
            holder.Query = query;
            holder.K = k;
            holder.AsOf = asOf;
            holder.Items = items;
            holder.Checked = _version;
            holder.Stamp = _index.Stamp;
            holder.Floor = floor;
            holder.NewFloor = newFloor;
            holder.Reasons = reasons;
            // Answered fresh: a recompute still pending for it would find the same part.
            holder.Dirty = false;
            Listen(holder, items);
            var kept = Kept(reused);
            PostListMetrics.RecordExplained(items.Length - kept, kept);
        }
        return new PartitionMatches(_version, items, floor, reused, _index.Stamp);
    }

    /// <inheritdoc />
    public Task<MatchItem[]> TopSeekersAsync(PostMatchRecord post, int k, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(post);
        _version += _index.Adopt(options.ToMatchOptions(asOf)) ? 1 : 0;
        return Task.FromResult(_index.TopSeekerItems(post.ToMatchPost(), k, options.ToMatchOptions(asOf)));
    }

    /// <inheritdoc />
    public Task<MatchItem[]> TopSeekersUnexplainedAsync(PostMatchRecord post, int k, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(post);
        _version += _index.Adopt(options.ToMatchOptions(asOf)) ? 1 : 0;
        var young = Young();
        if (!young && _holders.Count == 0)
        {
            // Nobody here holds a list (only a read lists a seeker), so none of the post's top seekers is kept: no query.
            return Task.FromResult<MatchItem[]>([]);
        }
        var items = _index.TopSeekerItems(post.ToMatchPost(), k, options.ToMatchOptions(asOf) with { TopFactors = 0 });
        if (young)
        {
            return Task.FromResult(_listless.Count == 0 ? items : Array.FindAll(items, item => MayHoldAPart(item.Id)));
        }
        var holding = Array.FindAll(items, item => _holders.ContainsKey(item.Id));
        PostListMetrics.RecordNotHolding(items.Length - holding.Length);
        return Task.FromResult(holding);
    }

    /// <inheritdoc />
    public Task<(int Posts, int Seekers)> CountsAsync() => Task.FromResult((_index.PostCount, _index.SeekerCount));

    // Queries run within one turn (no await), so updating the listener maps from a [ReadOnly] query is race-free. Only the
    // difference to the seeker's last listing here is written: a recompute mostly lists the posts it listed (the same id
    // strings: the index's), so the maps change for the one or two posts that came or went.
    private void Listen(ListHolder holder, MatchItem[] items)
    {
        var old = holder.Listing;
        Span<bool> kept = old.Length <= 128 ? stackalloc bool[old.Length] : new bool[old.Length];
        Span<bool> fresh = items.Length <= 128 ? stackalloc bool[items.Length] : new bool[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var at = IndexOf(old, items[i].Id, kept);
            if (at >= 0)
            {
                kept[at] = true;
            }
            else
            {
                fresh[i] = true;
            }
        }
        for (var j = 0; j < old.Length; j++)
        {
            if (!kept[j] && old[j] is { } gone)
            {
                StopListing(gone, holder);
            }
        }
        for (var i = 0; i < items.Length; i++)
        {
            if (!fresh[i])
            {
                continue;
            }
            if (!_listedBy.TryGetValue(items[i].Id, out var listers))
            {
                listers = _spareListers.TryPop(out var spare) ? spare : [];
                _listedBy[items[i].Id] = listers;
            }
            listers.Add(holder);
        }
        if (items.Length == 0)
        {
            holder.Listing = [];
            return;
        }
        var posts = old.Length == items.Length ? old : new string?[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            posts[i] = items[i].Id;
        }
        holder.Listing = posts;
    }

    // Where id sits in a listing, not counting entries already matched (none when matched is empty). Mostly the very string
    // the index (and the listeners map) holds, so by reference first: ids of one site share their prefix and length, which
    // makes a comparison by value walk most of both.
    private static int IndexOf(string?[] listing, string id, ReadOnlySpan<bool> matched = default)
    {
        for (var j = 0; j < listing.Length; j++)
        {
            if (ReferenceEquals(listing[j], id) && (matched.IsEmpty || !matched[j]))
            {
                return j;
            }
        }
        for (var j = 0; j < listing.Length; j++)
        {
            if (string.Equals(listing[j], id, StringComparison.Ordinal) && (matched.IsEmpty || !matched[j]))
            {
                return j;
            }
        }
        return -1;
    }

    private void Forget(ListHolder holder)
    {
        foreach (var post in holder.Listing)
        {
            if (post is not null)
            {
                StopListing(post, holder);
            }
        }
        holder.Listing = [];
    }

    // The holder no longer lists the post: it leaves the post's lister set, and a set left empty goes (kept for reuse).
    private void StopListing(string postId, ListHolder holder)
    {
        if (_listedBy.TryGetValue(postId, out var listers) && listers.Remove(holder) && listers.Count == 0)
        {
            _listedBy.Remove(postId);
            Spare(listers);
        }
    }

    // Keeps an emptied lister set (no longer in _listedBy) for reuse, up to SpareListersKept sets of moderate capacity.
    private void Spare(HashSet<ListHolder> listers)
    {
        if (_spareListers.Count < SpareListersKept && listers.Capacity <= SpareListersLargest)
        {
            listers.Clear();
            _spareListers.Push(listers);
        }
    }

    // True while this activation is young (a live seeker may hold a part from an earlier one); the first check after that
    // empties the listless set, which only a young activation reads.
    private bool Young()
    {
        if (clock.Now < _tellEveryoneUntil)
        {
            return true;
        }
        if (_listless.Count > 0)
        {
            _listless.Clear();
            _listless.TrimExcess();
        }
        return false;
    }

    // Whether a young activation tells the seeker of a new post: a holder, or a seeker not known to hold no part.
    private bool MayHoldAPart(string seekerId) => _holders.ContainsKey(seekerId) || !_listless.Contains(seekerId);

    // A seeker no longer holds a listing here: its holder entry, its listeners, its pending recompute and its kept query go
    // (and its listless mark: a later activation of it says anew whether it holds a list).
    private void Release(string seekerId)
    {
        _listless.Remove(seekerId);
        if (_holders.Remove(seekerId, out var holder))
        {
            Forget(holder);
            holder.Dirty = false;
        }
        _index.ForgetPostQuery(seekerId);
    }

    private void NotifyListing(string postId, string kind)
    {
        // The map's own key is the string the listings hold (the index's); the caller's is a copy that arrived with its call.
        if (!_listedBy.GetAlternateLookup<ReadOnlySpan<char>>().Remove(postId, out var listed, out var listers))
        {
            return;
        }
        PostListMetrics.RecordListersTold(listers.Count, kind);
        List<string>? marked = PostListMetrics.ListensToMarks ? [] : null;
        var told = 0;
        foreach (var holder in listers)
        {
            // Recomputed once at the window's end however many of its listed posts changed; it keeps listening to its other
            // posts (a second change marks it again, which costs nothing while it is dirty), and the recompute lists the
            // difference.
            var listing = holder.Listing;
            var at = IndexOf(listing, listed);
            if (at >= 0)
            {
                listing[at] = null;
            }
            if (Mark(holder, PostListMetrics.MarkListed))
            {
                marked?.Add(holder.Id);
            }
            else
            {
                told++;
            }
        }
        PostListMetrics.RecordMarks(this.GetPrimaryKeyString(), marked ?? [], 0, told);
        Spare(listers);
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Match partition {Partition} activated empty (no site has published into it yet)")]
    private static partial void LogActivated(ILogger logger, string partition);
}
