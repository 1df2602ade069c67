using System.Globalization;
using JobHome.Domain.Geography;
using JobHome.Domain.Indicators;
using JobHome.Domain.Occupations;
using JobHome.Domain.Posts;
using JobHome.Domain.Validation;
using JobHome.Grains.Employers;
using JobHome.Grains.Indicators;
using JobHome.Grains.Matching;
using JobHome.Grains.Records;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Sites;
using JobHome.Grains.Time;
using JobHome.Storage;
using Microsoft.Extensions.Logging;

namespace JobHome.Grains.Posts;

/// <summary>
/// A post. Openings are taken one turn at a time, so concurrent placements never overfill it: the (n+1)-th take of an
/// n-opening post is refused. An open post's match features (free openings) sit in the partition of its place; every
/// change republishes them, and a post that closes or fills leaves the index.
/// </summary>
public sealed partial class PostGrain(
    [PersistentState("post", StorageNames.Default)] IPersistentState<PostState> state,
    MatchingOptions matching,
    ServerClock clock,
    KnownSites knownSites,
    NotedMatchSites notedSites,
    StaleListNotices staleNotices,
    ILogger<PostGrain> logger) : Grain, IPostGrain, IIndicatorSourceGrain, IPostMatchingGrain
{
    private const string OpeningRule = "a post takes no more placements than its openings (招聘人数)";

    /// <inheritdoc />
    public async Task<CommandResult> OpenAsync(PostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var id = this.GetPrimaryKeyString();
        var v = ValidateProfile(id, profile);
        v.AddIf(profile.Openings < state.State.TakenBy.Count, "openings", profile.Openings.ToString(CultureInfo.InvariantCulture),
            $"is below the {state.State.TakenBy.Count} openings already taken", OpeningRule);
        if (state.State.Profile is { } existing)
        {
            v.AddIf(!string.Equals(existing.EmployerCode, profile.EmployerCode, StringComparison.Ordinal), "employer", profile.EmployerCode,
                "cannot change on a correction", "employer (用人单位)");
        }
        if (!v.IsValid)
        {
            return CommandResult.Invalid(v);
        }
        if (!await knownSites.ExistsAsync(GrainFactory, profile.SiteCode))
        {
            return CommandResult.NotFound("site_code", profile.SiteCode, "registering site (登记网点)");
        }
        // The employer lists the post before the post is stored, and its answer is the existence check (one call, not an
        // existence check and then the listing): an unknown employer lists nothing and writes nothing. As a site directory's
        // entry may, an employer's post id may name a post whose write then failed (GET /api/posts/{id} answers 404).
        var employer = GrainFactory.Reference<IEmployerGrain>(profile.EmployerCode);
        var listed = await employer.AddPostAsync(id);
        if (listed.Outcome == CommandOutcome.NotFound)
        {
            return CommandResult.NotFound("employer", profile.EmployerCode, "employer (用人单位)");
        }
        if (!listed.Succeeded)
        {
            return listed;
        }

        if (!string.Equals(state.State.Profile?.SiteCode, profile.SiteCode, StringComparison.Ordinal))
        {
            // The per-site index first: a record at a site is always listed there (see ISiteDirectoryGrain), with the cell
            // it is likely active in (WriteAndPublishAsync lists it again if that guess was wrong).
            var listedCell = !state.State.Closed && profile.Openings > state.State.TakenBy.Count
                ? MatchPartitions.KeyOf(profile.Lat, profile.Lon, matching.CellDegrees)
                : null;
            await GrainFactory.Reference<ISiteDirectoryGrain>(profile.SiteCode).ListPostAsync(id, listedCell);
            state.State.ListedCell = listedCell;
        }
        state.State.Profile = profile;
        state.State.Opened ??= clock.Today;
        await WriteAndPublishAsync();
        LogOpened(logger, id, profile.Openings);
        await TellTopSeekersAsync();
        return CommandResult.Ok(id);
    }

    /// <inheritdoc />
    public async Task<CommandAnswer<PostView>> OpenAndGetAsync(PostProfile profile)
    {
        var result = await OpenAsync(profile);
        return new(result, result.Succeeded ? await GetAsync() : null);
    }

    /// <summary>
    /// The checks of a post's profile that need no stored post (occupation code, the Domain's post rules, the site):
    /// <see cref="OpenAsync"/> adds the correction rules, the bulk import the new-post ones.
    /// </summary>
    internal static ValidationResult ValidateProfile(string id, PostProfile profile)
    {
        var v = new ValidationResult();
        if (!OccupationCode.TryParse(profile.Occupation, out var occupation, out var problem))
        {
            v.Add("occupation", profile.Occupation ?? string.Empty, problem ?? "is not an occupation code",
                "occupation code (职业分类代码) X-XX-XX-XX or a prefix");
        }
        var post = new Post
        {
            Id = id,
            EmployerId = profile.EmployerCode,
            Title = profile.Title,
            Occupation = occupation.Depth == 0 && problem is not null ? OccupationCode.Create(1) : occupation,
            Openings = profile.Openings,
            PayMin = profile.PayMin,
            PayMax = profile.PayMax,
            Location = new GeoPoint(profile.Lat, profile.Lon),
            Kind = profile.Kind,
            MinEducation = profile.MinEducation,
            AgeMin = profile.AgeMin,
            AgeMax = profile.AgeMax,
            RequiredSkills = profile.Skills,
        };
        v.Merge(post.Validate());
        v.AddIf(string.IsNullOrWhiteSpace(profile.SiteCode), "site_code", profile.SiteCode ?? string.Empty, "is required",
            "registering site (登记网点)");
        return v;
    }

    /// <inheritdoc />
    public async Task<CommandResult> CloseAsync()
    {
        var id = this.GetPrimaryKeyString();
        if (state.State.Profile is null)
        {
            return CommandResult.NotFound("id", id, "post (岗位)");
        }
        if (!state.State.Closed)
        {
            state.State.Closed = true;
            await WriteAndPublishAsync();
        }
        return CommandResult.Ok(id);
    }

    /// <inheritdoc />
    public Task<PostView?> GetAsync() => Task.FromResult(state.State.Profile is { } p
        ? new PostView(this.GetPrimaryKeyString(), p, state.State.TakenBy.Count, state.State.Closed, state.State.Opened)
        : null);

    /// <inheritdoc />
    public async Task<CommandResult> TakeOpeningAsync(string placementId)
    {
        ArgumentException.ThrowIfNullOrEmpty(placementId);
        var id = this.GetPrimaryKeyString();
        if (state.State.Profile is not { } profile)
        {
            return CommandResult.NotFound("post_id", id, "post (岗位)");
        }
        if (state.State.TakenBy.Contains(placementId, StringComparer.Ordinal))
        {
            return CommandResult.Ok(placementId);
        }
        if (state.State.Closed)
        {
            return CommandResult.Conflict(id, "post_id", id, "is closed (已关闭)", OpeningRule);
        }
        if (state.State.TakenBy.Count >= profile.Openings)
        {
            return CommandResult.Conflict(id, "post_id", id, "has no opening left (已招满)", OpeningRule);
        }
        state.State.TakenBy.Add(placementId);
        await WriteAndPublishAsync();
        return CommandResult.Ok(placementId);
    }

    /// <inheritdoc />
    public async Task<CommandResult> ReleaseOpeningAsync(string placementId)
    {
        if (state.State.TakenBy.Remove(placementId))
        {
            await WriteAndPublishAsync();
        }
        return CommandResult.Ok(placementId);
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await PublishIndicatorsAsync();
        await PublishMatchAsync(state.State.MatchPartition);
        await base.OnActivateAsync(cancellationToken);
    }

    private async Task WriteAndPublishAsync()
    {
        state.State.Indicators.Bump();
        var previousPartition = state.State.MatchPartition;
        state.State.MatchPartition = MatchRecord() is { } record
            ? MatchPartitions.KeyOf(record.Lat, record.Lon, matching.CellDegrees)
            : null;
        if (state.State.MatchPartition is { } key && state.State.Profile is { } profile)
        {
            // Before the write that puts the post in a cell: the partition learns the site, so a rebuild asks this post, and
            // the site's directory lists the post as active in that cell unless it is known to (SiteDirectoryGrain.Cells).
            await (string.Equals(state.State.ListedCell, key, StringComparison.Ordinal)
                ? notedSites.NoteAsync(GrainFactory, key, profile.SiteCode)
                : Task.WhenAll(notedSites.NoteAsync(GrainFactory, key, profile.SiteCode), ListInCellAsync(key, profile.SiteCode)));
        }
        await WriteWithIndicatorsAsync();
        // Independent after the write: the indicator event (a durable stream write) and the partition's upsert wait together.
        await Task.WhenAll(PublishIndicatorsAsync(), PublishMatchAsync(previousPartition));
    }

    private async Task ListInCellAsync(string cell, string siteCode)
    {
        await GrainFactory.Reference<ISiteDirectoryGrain>(siteCode).ListPostAsync(this.GetPrimaryKeyString(), cell);
        state.State.ListedCell = cell;
    }

    /// <inheritdoc />
    public async Task<MatchItem[]?> GetCandidatesAsync(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (state.State.Profile is null)
        {
            return null;
        }
        // A closed or full post has no free opening: the engine finds nobody for it, as for any post without openings.
        return MatchRecord(includeUnavailable: true) is { } record
            ? await MatchQueries.TopSeekersAsync(GrainFactory, matching, record, k, clock.Today)
            : [];
    }

    // Leaves the old partition on a move, a close or a fill; (re)publishes to the current one. Idempotent.
    private async Task PublishMatchAsync(string? previousPartition)
    {
        var id = this.GetPrimaryKeyString();
        var current = state.State.MatchPartition;
        if (previousPartition is not null && !string.Equals(previousPartition, current, StringComparison.Ordinal))
        {
            await GrainFactory.Kept<IMatchPartitionGrain>(previousPartition).RemovePostAsync(id);
        }
        if (current is not null && MatchRecord() is { } record)
        {
            await GrainFactory.Kept<IMatchPartitionGrain>(current).UpsertPostsAsync([record]);
        }
    }

    // A new or changed post: its top seekers' stored lists are refreshed soon (one-way notices, coalesced per silo over a
    // short window), not only on their next read. The notice names the post's partition: only that part of a list can gain
    // the post, so the seeker re-asks that partition alone.
    private async Task TellTopSeekersAsync()
    {
        if (MatchRecord() is not { } record)
        {
            return;
        }
        var seekers = await MatchQueries.TopSeekersUnexplainedAsync(GrainFactory, matching, record, matching.PostListSize, clock.Today);
        if (state.State.MatchPartition is { } partition)
        {
            staleNotices.Add(partition, seekers, this.GetPrimaryKeyString());
        }
        else
        {
            staleNotices.Add(seekers);
        }
    }

    // The match features with the free openings; null when the post is not open (unless asked for anyway).
    private PostMatchRecord? MatchRecord(bool includeUnavailable = false) =>
        PostRecordRules.MatchRecord(this.GetPrimaryKeyString(), state.State, includeUnavailable);

    /// <inheritdoc />
    public Task<IndicatorSourceReport> GetIndicatorSourceAsync() =>
        Task.FromResult(PostRecordRules.Report(state.State));

    private IndicatorContribution Contribution() => PostRecordRules.Contribution(state.State);

    private Task PublishIndicatorsAsync() => state.State.Indicators.PublishAsync(
        this, IndicatorSources.Id(IndicatorSources.Post, this.GetPrimaryKeyString()),
        state.State.Profile?.SiteCode, Contribution());

    // The state write of a change; on the embedded store it carries the change's indicator events (IndicatorOutbox.WriteAsync),
    // and the PublishIndicatorsAsync after it finds nothing pending.
    private Task WriteWithIndicatorsAsync() => state.State.Indicators.WriteAsync(state, this,
        IndicatorSources.Id(IndicatorSources.Post, this.GetPrimaryKeyString()), state.State.Profile?.SiteCode, Contribution());

    [LoggerMessage(Level = LogLevel.Debug, Message = "Post {PostId} opened with {Openings} openings")]
    private static partial void LogOpened(ILogger logger, string postId, int openings);
}
