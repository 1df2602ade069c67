using System.Diagnostics;
using System.Diagnostics.Metrics;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.Records;
using JobHome.Grains.SiteRecords;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobHome.Grains.Matching;

/// <summary>
/// The rebuild of a partition that lost its memory. It never blocks the activation: a timer step (interleaving) lists the
/// next site's records and reads up to <see cref="MatchingOptions.RebuildBatchSize"/> of them straight from storage
/// (<see cref="RecordStateReader"/>: one batched read where the storage offers it; no record grain is called or activated)
/// and applies those stored in this cell in one synchronous turn; queries and live changes run between steps and during
/// the reads. What a site lists (<see cref="SiteMatchListing"/>): once its directory's cell listings are complete, only
/// the records listed as active in this cell (a record lists itself, in the directory call its registration or new post
/// makes anyway, before a write that stores it active in a cell it is not listed in: <see cref="ISiteDirectoryGrain.ListSeekerAsync"/>);
/// otherwise every seeker and post of the site, read in full, after which the directory adopts the cells they were found
/// active in (<see cref="ISiteDirectoryGrain.AdoptCellsAsync"/>), so the next rebuild reads only its cell's. A listed
/// record found not active (placed, filled since) is read and skipped; its entry is corrected by its next directory call. On a batch-reading
/// storage 64 sites are listed in one read of their directories' stored rows (<see cref="SiteDirectoryListing"/>; no
/// directory activated), elsewhere through <see cref="ISiteDirectoryGrain.GetMatchListingAsync"/>. A record that reached
/// the partition live since the rebuild began is newer than anything storage returned, so the rebuild skips it.
/// Posts first: the rebuild reads every listed post before any seeker (a seeker's post list needs only the posts; the
/// seekers are a post's candidates), the posts' reads ahead of other partitions' seeker reads in the silo's limiter
/// (<see cref="RebuildReadLimiter"/>, urgent). Until its posts are in, a partition holds back its answers to seekers' post
/// queries (they wait, interleaved, so upserts and everything else go on) for up to <see cref="MatchingOptions.RebuildPostsWait"/>,
/// so a list is computed over part of the posts only when they take longer (counted:
/// <c>jobhome.match_partition.post_queries_before_posts_in</c>); once they are in, every list it answers is exact while
/// the seekers are still being read.
/// Memory: the listings of up to 64 sites and one batch of states at a time, plus the listed seeker ids of the whole
/// partition until the posts are in.
/// Pruning: a site none of whose listed seekers and posts is stored in this cell (and none unreadable or not yet stored)
/// is forgotten at the end of the rebuild if nobody noted it for twice <see cref="MatchingOptions.NotedSiteLifetime"/>: by
/// then every silo's <see cref="NotedMatchSites"/> entry for it has expired, so a record that later enters the cell from
/// that site notes it again before its write. The prune and its write run in a non-interleaving timer turn, so they never
/// overlap <see cref="NoteSiteAsync"/>'s write.
/// </summary>
public sealed partial class MatchPartitionGrain
{
    /// <summary>The meter of the partition rebuilds (<c>jobhome.match_partition.rebuild_records</c>, records loaded).</summary>
    public const string RebuildMeterName = "JobHome.Grains.MatchPartitions";

    private static readonly Meter RebuildMeter = new(RebuildMeterName);
    private static readonly Counter<long> RebuildRecords = RebuildMeter.CreateCounter<long>(
        "jobhome.match_partition.rebuild_records", "records", "Records a rebuilding match partition loaded from storage");
    private static readonly Counter<long> PostQueriesBeforePostsIn = RebuildMeter.CreateCounter<long>(
        "jobhome.match_partition.post_queries_before_posts_in", "queries",
        "Seekers' post queries a rebuilding partition answered over part of its posts (its posts not in after RebuildPostsWait)");
    private static readonly UpDownCounter<int> RebuildsRunning = RebuildMeter.CreateUpDownCounter<int>(
        "jobhome.match_partition.rebuilds_running", "partitions", "Match partitions rebuilding from storage now");

    // Ids changed live since the rebuild began (newer than storage); null when no rebuild runs.
    private HashSet<string>? _touched;
    // Listed ids not read yet, each with its site's index; a step reads up to RebuildBatchSize of them, across sites. While
    // the posts are read, only post ids (the seekers' wait in _pendingSeekers until every post is in).
    private readonly List<(string Id, int Site)> _pending = [];
    private readonly List<(string Id, int Site)> _pendingSeekers = [];
    // Completed once every listed post is read and applied; null when no rebuild runs or its posts are in.
    private TaskCompletionSource? _postsIn;
    private long _postsInMs;
    // Seekers' post queries waiting for the posts now (MatchPartitionGrain.AnswerOncePostsInAsync).
    private int _postQueriesWaiting;
    private long _postsLoaded;
    private string[] _rebuildSites = [];
    private int _nextSite;
    private int _pendingOffset;
    private IGrainTimer? _rebuildTimer;
    private RecordStateReader? _reader;
    private long _rebuildStarted;
    private long _rebuildElapsedMs;
    private long _rebuildRead;
    private long _rebuildLoaded;
    private long _rebuildSkipped;
    private int _rebuildBatches;
    // Sites listed whose records are not all read yet (by index).
    private readonly Dictionary<int, SiteProgress> _sitesInProgress = [];
    private int _sitesDone;
    // Sites found without a record in this cell, each with the time its directory was read (before any record read).
    private readonly List<(string Site, DateTimeOffset ReadAt)> _emptySites = [];
    // Sites listed ahead from their directories' stored rows (index → listing, null: ask the directory; time before the read).
    private readonly Dictionary<int, (SiteMatchListing? Listing, DateTimeOffset ReadAt)> _listed = [];
    private const int RebuildSitesPerListing = 64;
    private int _sitesListedFromStorage;
    // Sites read from their cell listing (only what this cell holds) and sites read in full (no complete listing yet).
    private int _sitesFromCellListing;
    private int _sitesReadInFull;
    private int _sitesAdopted;
    // Sites whose listing could not be read (skipped after FailuresBeforeSkip tries; kept, never pruned).
    private int _sitesMissed;
    private readonly List<string> _missedSites = [];
    // The site being listed (its index) while its listing is asked, for the skip after repeated failures.
    private int? _listingSite;
    // Failed steps in a row: after a few the rebuild reads one record a step, and a record that still cannot be read is
    // left out (logged) so one bad row never holds the rebuild in a loop.
    private int _stepFailures;
    private const int FailuresBeforeSingleReads = 3;
    private const int FailuresBeforeSkip = 6;

    /// <summary>A listed site whose records are being read.</summary>
    private sealed class SiteProgress(DateTimeOffset readAt, int remaining, int? adoptEpoch)
    {
        /// <summary>When its listing was read (before any of its records).</summary>
        public DateTimeOffset ReadAt { get; } = readAt;

        /// <summary>Listed ids not read yet.</summary>
        public int Remaining { get; set; } = remaining;

        /// <summary>It holds a record of this cell (or one that could be: unreadable, not yet stored).</summary>
        public bool Held { get; set; }

        /// <summary>Read in full: the directory's bulk epoch, for the adoption once every record is read.</summary>
        public int? AdoptEpoch { get; } = adoptEpoch;

        /// <summary>Records found stored in a cell (source id, cell), adopted by the directory.</summary>
        public List<(string Id, string Cell)> Found { get; } = [];

        /// <summary>A record of it was left out (unreadable): not adopted.</summary>
        public bool Incomplete { get; set; }
    }

    /// <inheritdoc />
    public Task<MatchPartitionRebuildStatus> RebuildStatusAsync()
    {
        var elapsed = _touched is null ? _rebuildElapsedMs : (long)Stopwatch.GetElapsedTime(_rebuildStarted).TotalMilliseconds;
        // A site counts as done once its ids are listed and every one of them has been read.
        var sitesDone = _touched is null ? _rebuildSites.Length : _sitesDone;
        return Task.FromResult(new MatchPartitionRebuildStatus(_touched is not null, state.State.Sites.Count, sitesDone,
            _rebuildRead, _rebuildLoaded, _rebuildSkipped, _rebuildBatches, elapsed, _sitesFromCellListing, _sitesReadInFull,
            _sitesMissed, _postsIn is null, _postsInMs, _postQueriesWaiting));
    }

    private void StartRebuild()
    {
        _touched = new HashSet<string>(StringComparer.Ordinal);
        _rebuildSites = [.. state.State.Sites.Keys.Order(StringComparer.Ordinal)];
        _reader = RecordStateReader.Create(services, GrainFactory, services.GetRequiredService<RebuildReadLimiter>());
        _reader.Urgent = true;
        _postsIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _postsInMs = 0;
        _postsLoaded = 0;
        _rebuildStarted = Stopwatch.GetTimestamp();
        RebuildsRunning.Add(1);
        LogRebuildStarted(logger, this.GetPrimaryKeyString(), _rebuildSites.Length, options.RebuildBatchSize);
        _rebuildTimer = this.RegisterGrainTimer(RebuildStepAsync,
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = options.RebuildPause, Interleave = true, KeepAlive = true });
    }

    private void Touch(string id) => _touched?.Add(id);

    // One step: the next batch of ids (listing sites as needed; a batch spans sites), their stored states, then one
    // synchronous apply; then the sites whose records are all read are done (judged for pruning, adopted if read in full).
    private async Task RebuildStepAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        List<(string Id, int Site)>? batch = null;
        try
        {
            batch = await NextBatchAsync(key);
            if (batch.Count == 0)
            {
                FinishRebuild(key);
                return;
            }
            var (seekers, posts) = await ReadBatchAsync(key, batch, cancellationToken);
            Apply(seekers, posts);
            _stepFailures = 0;
            _pendingOffset += batch.Count;
            _rebuildRead += batch.Count;
            _rebuildBatches++;
            await RecordsReadAsync(key, batch);
            if (_rebuildBatches % 25 == 0)
            {
                LogRebuildProgress(logger, key, _rebuildRead, _rebuildLoaded, _nextSite, _rebuildSites.Length);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage or a directory unavailable for a moment: the same batch is tried again on the next step, then one
            // record at a time; a single record that keeps failing is left out.
            LogRebuildStepFailed(logger, key, e);
            if (_listingSite is { } site)
            {
                // The site's listing cannot be read: after a few tries the site is left out (kept, never pruned, named in
                // the end's log) and the rebuild goes on with the next one; no permit is held between tries.
                if (++_stepFailures >= FailuresBeforeSkip)
                {
                    _sitesMissed++;
                    _sitesDone++;
                    _missedSites.Add(_rebuildSites[site]);
                    LogRebuildSiteLeftOut(logger, key, _rebuildSites[site], e);
                    _nextSite = site + 1;
                    _listingSite = null;
                    _stepFailures = 0;
                }
            }
            else if (++_stepFailures >= FailuresBeforeSkip && batch is [var unreadable])
            {
                var progress = _sitesInProgress[unreadable.Site];
                progress.Held = true;
                progress.Incomplete = true;
                LogRebuildRecordLeftOut(logger, key, unreadable.Id, e);
                _pendingOffset++;
                _stepFailures = FailuresBeforeSingleReads;
                await RecordsReadAsync(key, batch);
            }
        }
    }

    // The next ids to read: sites are listed (64 at a time from storage) until a batch is full or none is left; a site
    // listed with no id to read is done at once.
    private async Task<List<(string Id, int Site)>> NextBatchAsync(string key)
    {
        if (_pendingOffset >= _pending.Count)
        {
            _pending.Clear();
            _pendingOffset = 0;
        }
        var size = _stepFailures >= FailuresBeforeSingleReads ? 1 : options.RebuildBatchSize;
        while (_pending.Count - _pendingOffset < size && _nextSite < _rebuildSites.Length)
        {
            var index = _nextSite;
            _listingSite = index;
            var (listing, readAt) = await ListSiteAsync(index, key);
            _listingSite = null;
            _stepFailures = 0;
            var count = 0;
            foreach (var id in listing.SourceIds)
            {
                if (id.StartsWith(IndicatorSources.Post + "/", StringComparison.Ordinal))
                {
                    _pending.Add((id, index));
                    count++;
                }
                else if (id.StartsWith(IndicatorSources.Seeker + "/", StringComparison.Ordinal))
                {
                    _pendingSeekers.Add((id, index));
                    count++;
                }
            }
            if (listing.CellListed)
            {
                _sitesFromCellListing++;
            }
            else
            {
                _sitesReadInFull++;
            }
            _sitesInProgress[index] = new SiteProgress(readAt, count, listing.CellListed ? null : listing.Epoch);
            _nextSite++;
            if (count == 0)
            {
                await SiteDoneAsync(key, index);
            }
        }
        if (_postsIn is not null && _pending.Count - _pendingOffset == 0 && _nextSite >= _rebuildSites.Length)
        {
            // Every site listed and every listed post read: the seekers follow.
            PostsLoaded(key);
            _pending.Clear();
            _pending.AddRange(_pendingSeekers);
            _pendingSeekers.Clear();
            _pendingSeekers.TrimExcess();
            _pendingOffset = 0;
        }
        var take = Math.Min(size, _pending.Count - _pendingOffset);
        return take <= 0 ? [] : _pending.GetRange(_pendingOffset, take);
    }

    // What site number `index` lists for this cell and the time before it was read. On a batch-reading storage the next
    // RebuildSitesPerListing sites are read together from their directories' stored rows (no directory activated); a
    // directory still holding its old single state, any storage without batched reads, and sites whose batched read
    // failed (not tried again: it would hold the silo's batch permit in a loop) are asked through their grains.
    private async Task<(SiteMatchListing Listing, DateTimeOffset ReadAt)> ListSiteAsync(int index, string key)
    {
        if (!_listed.Remove(index, out var listed) && _reader!.Batched)
        {
            var readAt = clock.Now;
            var sites = _rebuildSites.AsSpan(index, Math.Min(RebuildSitesPerListing, _rebuildSites.Length - index)).ToArray();
            SiteMatchListing?[] lists;
            try
            {
                lists = await _reader.MatchSourcesAsync(sites, key, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRebuildListingFailed(logger, key, sites.Length, e);
                lists = new SiteMatchListing?[sites.Length];
            }
            _listed.Clear();
            for (var i = 0; i < lists.Length; i++)
            {
                _listed[index + i] = (lists[i], readAt);
            }
            _listed.Remove(index, out listed);
        }
        if (listed.Listing is { } stored)
        {
            _sitesListedFromStorage++;
            return (stored, listed.ReadAt);
        }
        var at = clock.Now;
        return (await GrainFactory.GetGrain<ISiteDirectoryGrain>(_rebuildSites[index]).GetMatchListingAsync(key), at);
    }

    // Every listed post is in the index: the queries held back are answered (each in its own turn, after this one), exact
    // over the posts; the lists computed from here on stay so, as the seekers' reads change no list.
    private void PostsLoaded(string key)
    {
        _postsInMs = (long)Stopwatch.GetElapsedTime(_rebuildStarted).TotalMilliseconds;
        _reader!.Urgent = false;
        var postsIn = _postsIn!;
        _postsIn = null;
        _version++;
        postsIn.SetResult();
        LogPostsLoaded(logger, key, _postsLoaded, _postsInMs, _pendingSeekers.Count);
    }

    // The batch's records are read: each site whose records are now all read is done.
    private async Task RecordsReadAsync(string key, List<(string Id, int Site)> batch)
    {
        foreach (var (_, site) in batch)
        {
            if (--_sitesInProgress[site].Remaining == 0)
            {
                await SiteDoneAsync(key, site);
            }
        }
    }

    // A site whose records are all read: remembered when none of them is in this cell (for the prune); when it was read in
    // full (no complete cell listing), its directory adopts the cells its records were found in, so the next rebuild of any
    // cell reads only that cell's listing there. A failed adoption leaves the site to be read in full again next time
    // (logged); a record left out keeps it so.
    private async Task SiteDoneAsync(string key, int index)
    {
        _sitesInProgress.Remove(index, out var progress);
        _sitesDone++;
        var site = _rebuildSites[index];
        if (!progress!.Held)
        {
            _emptySites.Add((site, progress.ReadAt));
        }
        if (progress.AdoptEpoch is not { } epoch || progress.Incomplete)
        {
            return;
        }
        try
        {
            if (await GrainFactory.GetGrain<ISiteDirectoryGrain>(site).AdoptCellsAsync(epoch, [.. progress.Found.Select(f => f.Id)],
                [.. progress.Found.Select(f => f.Cell)]))
            {
                _sitesAdopted++;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAdoptFailed(logger, key, site, e);
        }
    }

    private async Task<(List<SeekerMatchRecord> Seekers, List<PostMatchRecord> Posts)> ReadBatchAsync(string key,
        List<(string Id, int Site)> batch, CancellationToken cancellationToken)
    {
        var seekerIds = new List<string>();
        var seekerSites = new List<SiteProgress>();
        var postIds = new List<string>();
        var postSites = new List<SiteProgress>();
        foreach (var (sourceId, site) in batch)
        {
            var slash = sourceId.IndexOf('/', StringComparison.Ordinal);
            var seeker = sourceId[..slash] == IndicatorSources.Seeker;
            (seeker ? seekerIds : postIds).Add(sourceId[(slash + 1)..]);
            (seeker ? seekerSites : postSites).Add(_sitesInProgress[site]);
        }
        var reader = _reader!;
        var seekerStates = await reader.SeekersAsync(seekerIds, cancellationToken);
        var postStates = await reader.PostsAsync(postIds, cancellationToken);
        var inCell = new List<(string Id, SeekerState State)>();
        for (var i = 0; i < seekerIds.Count; i++)
        {
            var site = seekerSites[i];
            if (site.AdoptEpoch is not null && seekerStates[i] is { MatchPartition: { } seekerCell })
            {
                site.Found.Add((IndicatorSources.Id(IndicatorSources.Seeker, seekerIds[i]), seekerCell));
            }
            site.Held |= seekerStates[i] is null || string.Equals(seekerStates[i]!.MatchPartition, key, StringComparison.Ordinal);
            if (seekerStates[i] is { Registration: not null } s && string.Equals(s.MatchPartition, key, StringComparison.Ordinal))
            {
                inCell.Add((seekerIds[i], s));
            }
        }
        // The derived key group zero_employment_household comes from the household's stored state, as the seeker reads it.
        var householdIds = inCell.Select(s => s.State.HouseholdId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var households = await reader.HouseholdsAsync(householdIds, cancellationToken);
        var zero = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < householdIds.Length; i++)
        {
            if (households[i] is { SiteCode: not null, ZeroEmploymentSince: not null })
            {
                zero.Add(householdIds[i]);
            }
        }
        var today = clock.Today;
        var seekers = inCell.Select(s => SeekerRecord(s.Id, s.State, s.State.HouseholdId is { } h && zero.Contains(h), today)).ToList();
        var posts = new List<PostMatchRecord>();
        for (var i = 0; i < postIds.Count; i++)
        {
            var site = postSites[i];
            if (site.AdoptEpoch is not null && postStates[i] is { MatchPartition: { } postCell })
            {
                site.Found.Add((IndicatorSources.Id(IndicatorSources.Post, postIds[i]), postCell));
            }
            site.Held |= postStates[i] is null || string.Equals(postStates[i]!.MatchPartition, key, StringComparison.Ordinal);
            if (postStates[i] is { } p && string.Equals(p.MatchPartition, key, StringComparison.Ordinal)
                && PostRecord(postIds[i], p) is { } r)
            {
                posts.Add(r);
            }
        }
        return (seekers, posts);
    }

    // Synchronous: nothing interleaves between the touched check and the index write.
    private void Apply(List<SeekerMatchRecord> seekers, List<PostMatchRecord> posts)
    {
        var touched = _touched!;
        var freshSeekers = seekers.Where(s => !touched.Contains(s.Id)).ToList();
        var freshPosts = posts.Where(p => !touched.Contains(p.Id)).ToList();
        _rebuildSkipped += seekers.Count - freshSeekers.Count + posts.Count - freshPosts.Count;
        if (freshSeekers.Count > 0)
        {
            _index.UpsertSeekers(freshSeekers.Select(static s => s.ToMatchSeeker()));
        }
        if (freshPosts.Count > 0)
        {
            _index.UpsertPosts(freshPosts.Select(static p => p.ToMatchPost()));
            _version++;
            _postsLoaded += freshPosts.Count;
        }
        var loaded = freshSeekers.Count + freshPosts.Count;
        _rebuildLoaded += loaded;
        RebuildRecords.Add(loaded);
    }

    private void FinishRebuild(string key)
    {
        if (_postsIn is not null)
        {
            PostsLoaded(key);
        }
        if (_emptySites.Count > 0)
        {
            (string Site, DateTimeOffset ReadAt)[] empty = [.. _emptySites];
            _emptySites.Clear();
            IGrainTimer? prune = null;
            prune = this.RegisterGrainTimer(async _ =>
            {
                prune?.Dispose();
                await PruneSitesAsync(key, empty);
            }, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan, Interleave = false });
        }
        _rebuildElapsedMs = (long)Stopwatch.GetElapsedTime(_rebuildStarted).TotalMilliseconds;
        _touched = null;
        _pending.Clear();
        _pending.TrimExcess();
        _pendingOffset = 0;
        _listed.Clear();
        _sitesInProgress.Clear();
        _reader = null;
        _rebuildTimer?.Dispose();
        _rebuildTimer = null;
        // Lists computed while the index was partial are recomputed on their next read.
        _version++;
        RebuildsRunning.Add(-1);
        LogRebuildFinished(logger, key, _rebuildSites.Length, _rebuildRead, _rebuildLoaded, _rebuildSkipped, _rebuildElapsedMs,
            _sitesListedFromStorage, _sitesFromCellListing, _sitesReadInFull, _sitesAdopted);
        if (_sitesReadInFull > 0)
        {
            LogRebuildReadInFull(logger, key, _sitesReadInFull, _sitesAdopted);
        }
        if (_sitesMissed > 0)
        {
            LogRebuildSitesMissed(logger, key, _sitesMissed, string.Join(", ", _missedSites.Take(20)));
        }
    }

    // A non-interleaving turn: no NoteSiteAsync runs between the check of a site's last note and the write. A site is judged
    // at the time its directory was read, not now: a record that entered the cell after that read was listed by a silo whose
    // note of the site could still be valid then (so it sent none), unless the last note is two lifetimes older than the read.
    private async Task PruneSitesAsync(string key, (string Site, DateTimeOffset ReadAt)[] empty)
    {
        var now = clock.Now;
        var pruned = 0;
        var changed = false;
        foreach (var (site, readAt) in empty)
        {
            if (!state.State.Noted.TryGetValue(site, out var last))
            {
                // Stored before notes were timed: its clock starts now, a later rebuild may prune it.
                state.State.Noted[site] = now;
                changed = true;
            }
            else if (readAt - last > options.NotedSiteLifetime * 2)
            {
                state.State.Sites.Remove(site);
                state.State.Noted.Remove(site);
                pruned++;
                changed = true;
            }
        }
        if (changed)
        {
            await state.WriteStateAsync();
        }
        LogSitesPruned(logger, key, empty.Length, pruned, state.State.Sites.Count);
    }

    // The seeker grain's record (SeekerGrain.MatchRecordAsync) from its stored state: the one rule, SeekerRecordRules.
    private static SeekerMatchRecord SeekerRecord(string id, SeekerState state, bool zeroEmploymentHousehold, DateOnly today) =>
        SeekerRecordRules.MatchRecord(id, state, zeroEmploymentHousehold, today);

    // The post grain's record (PostGrain.MatchRecord): open posts with a free opening only (PostRecordRules).
    private static PostMatchRecord? PostRecord(string id, PostState state) => PostRecordRules.MatchRecord(id, state);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Match partition {Partition} rebuilding from storage: {Sites} sites, {BatchSize} records per step")]
    private static partial void LogRebuildStarted(ILogger logger, string partition, int sites, int batchSize);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Match partition {Partition} posts in: {Posts} posts loaded after {ElapsedMs} ms; its post lists are answered "
            + "now, {Seekers} listed seekers to read")]
    private static partial void LogPostsLoaded(ILogger logger, string partition, long posts, long elapsedMs, int seekers);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Match partition {Partition} rebuild: {Read} records read, {Loaded} loaded, {SitesListed} of {Sites} sites listed")]
    private static partial void LogRebuildProgress(ILogger logger, string partition, long read, long loaded, int sitesListed, int sites);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Match partition {Partition} rebuilt: {Sites} sites, {Read} records read, {Loaded} loaded, {Skipped} newer live, "
            + "{ElapsedMs} ms; {ListedFromStorage} sites listed from their stored directories; {FromCellListing} sites read from "
            + "their cell listing, {ReadInFull} in full, {Adopted} adopted")]
    private static partial void LogRebuildFinished(ILogger logger, string partition, int sites, long read, long loaded, long skipped,
        long elapsedMs, int listedFromStorage, int fromCellListing, int readInFull, int adopted);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Match partition {Partition} read {ReadInFull} sites in full (no complete cell listing yet: data written before "
            + "the listings, or a bulk import since); {Adopted} of them now list their cells")]
    private static partial void LogRebuildReadInFull(ILogger logger, string partition, int readInFull, int adopted);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Match partition {Partition} rebuilt without {Missed} sites whose listing could not be read: {Sites}")]
    private static partial void LogRebuildSitesMissed(ILogger logger, string partition, int missed, string sites);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Match partition {Partition} could not read the stored listings of {Sites} sites; asking their directories")]
    private static partial void LogRebuildListingFailed(ILogger logger, string partition, int sites, Exception exception);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Match partition {Partition} left site {Site} out of its rebuild: its listing cannot be read")]
    private static partial void LogRebuildSiteLeftOut(ILogger logger, string partition, string site, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Match partition {Partition}: site {Site}'s directory did not adopt its cell listings; read in full next time")]
    private static partial void LogAdoptFailed(ILogger logger, string partition, string site, Exception exception);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Match partition {Partition}: {Empty} sites held no record of the cell, {Pruned} forgotten, {Sites} sites kept")]
    private static partial void LogSitesPruned(ILogger logger, string partition, int empty, int pruned, int sites);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Match partition {Partition} rebuild step failed; retrying the same batch")]
    private static partial void LogRebuildStepFailed(ILogger logger, string partition, Exception exception);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Match partition {Partition} left record {SourceId} out of its rebuild: its stored state cannot be read")]
    private static partial void LogRebuildRecordLeftOut(ILogger logger, string partition, string sourceId, Exception exception);
}
