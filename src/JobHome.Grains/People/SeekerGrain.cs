using System.Globalization;
using JobHome.Domain.Geography;
using JobHome.Domain.Indicators;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Validation;
using JobHome.Domain.Work;
using JobHome.Grains.Indicators;
using JobHome.Grains.Matching;
using JobHome.Grains.Posts;
using JobHome.Grains.Records;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Sites;
using JobHome.Grains.Time;
using JobHome.Storage;
using Microsoft.Extensions.Logging;

namespace JobHome.Grains.People;

/// <summary>
/// A seeker. Registration validates everything first, then claims the ID number in the network-wide registry, then
/// writes; a claim left behind by a registration that never wrote is taken over (the holder is asked whether it exists).
/// The household hears of status changes from the placement that caused them, or from here for corrections.
/// An unemployed seeker's match features sit in the partition of their home (see docs/grains.md, Real-time matching);
/// the post list is kept in memory and checked against the partitions' versions on every read.
/// </summary>
public sealed partial class SeekerGrain(
    [PersistentState("seeker", StorageNames.Default)] IPersistentState<SeekerState> state,
    IdCardKeys idCardKeys,
    ServerClock clock,
    MatchingOptions matching,
    KnownSites knownSites,
    NotedMatchSites notedSites,
    ILogger<SeekerGrain> logger) : Grain, ISeekerGrain, ISeekerRecordGrain, IIndicatorSourceGrain, ISeekerMatchingGrain
{
    internal const string IdRule = "real-name registration (实名制): one registration per ID-card number across the network";
    private const string EmployedRule = "a seeker holds one placement at a time (不得重复安置)";

    private readonly PostListCache _postList = new();
    private SeekerMatchRecord? _matchRecord;
    private DateOnly _matchRecordDate;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await PublishIndicatorsAsync();
        await ReportToHouseholdIfPendingAsync();
        await PublishMatchAsync(state.State.MatchPartition);
        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CommandResult> RegisterAsync(SeekerRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        await PublishIndicatorsAsync();
        await ReportToHouseholdIfPendingAsync();
        var id = this.GetPrimaryKeyString();
        var today = clock.Today;
        var (validation, idCard) = Validate(id, registration, today);
        if (state.State.Registration is { } existing)
        {
            validation.AddIf(idCard is not null && !string.Equals(existing.IdNumber, registration.IdNumber, StringComparison.Ordinal),
                "id_card", idCard?.Masked ?? string.Empty,
                    "cannot change on a correction; register the other number as its own seeker", IdRule);
            var statusCorrected = existing.Status != registration.Status || existing.StatusSince != registration.StatusSince;
            validation.AddIf(statusCorrected && HasActivePlacement(), "status", registration.Status.ToString(),
                "is set by the active placement; end it instead", EmployedRule);
        }
        if (validation.IsValid && !await knownSites.ExistsAsync(GrainFactory, registration.SiteCode))
        {
            return CommandResult.NotFound("site_code", registration.SiteCode, "registering site (登记网点)");
        }
        if (!validation.IsValid || idCard is null)
        {
            return CommandResult.Invalid(validation);
        }

        var previous = state.State.Registration;
        // The per-site index before the write: a record at a site is always listed there (see ISiteDirectoryGrain), with
        // the cell it is likely active in (NoteMatchSiteAsync lists it again if that guess was wrong).
        var directory = GrainFactory.Reference<ISiteDirectoryGrain>(registration.SiteCode);
        var listedCell = registration.Status == LabourStatus.Unemployed
            ? MatchPartitions.KeyOf(registration.Lat, registration.Lon, matching.CellDegrees)
            : null;
        if (previous is null)
        {
            // The ID-number claim and the directory entry are independent writes: they wait together, not one after the
            // other (an entry may outlive a registration that never wrote; a refused claim takes it back at once).
            var claiming = ClaimIdCardAsync(id, idCard);
            await Task.WhenAll(claiming, directory.ListSeekerAsync(id, registration.Name, listedCell));
            var claim = await claiming;
            if (!claim.Granted)
            {
                await directory.RemoveSeekerAsync(id);
                return CommandResult.Conflict(claim.OwnerSeekerId, "id_card", idCard.Masked,
                    $"is already registered (已登记) to seeker {claim.OwnerSeekerId}", IdRule);
            }
            state.State.RegisteredOn = today;
            state.State.ListedCell = listedCell;
        }
        else if (!string.Equals(previous.SiteCode, registration.SiteCode, StringComparison.Ordinal)
            || !string.Equals(previous.Name, registration.Name, StringComparison.Ordinal))
        {
            await directory.ListSeekerAsync(id, registration.Name, listedCell);
            state.State.ListedCell = listedCell;
        }
        // A correction of a deregistered seeker registers them again (the status comes from the registration below).
        var reregistered = state.State.DeregisteredOn is not null;
        state.State.DeregisteredOn = null;
        state.State.DeregistrationReason = null;
        var stored = registration with { KeyGroups = DerivedKeyGroups.Supplied(registration.KeyGroups) };
        state.State.Registration = stored;
        var statusChanged = previous is null || reregistered || previous.Status != stored.Status
            || previous.StatusSince != stored.StatusSince;
        if (statusChanged)
        {
            SetStatus(stored.Status, stored.StatusSince,
                previous is null || reregistered ? StatusCauses.Registration : StatusCauses.Correction);
        }
        state.State.Indicators.Bump();
        state.State.HouseholdReportPending |= previous is not null && statusChanged && state.State.HouseholdId is not null;
        var previousPartition = StageMatchPartition();
        await NoteMatchSiteAsync();
        await WriteWithIndicatorsAsync();
        await ReportToHouseholdIfPendingAsync();
        // The indicator event (a durable stream write) and the partition's upsert are independent: one wait, not two.
        // No post list is computed here: the first read computes it (and lists the seeker in the partitions it reaches).
        await Task.WhenAll(PublishIndicatorsAsync(), PublishMatchAsync(previousPartition));
        LogRegistered(logger, id, stored.SiteCode);
        return CommandResult.Ok(id);
    }

    /// <inheritdoc />
    public async Task<CommandAnswer<SeekerView>> RegisterAndGetAsync(SeekerRegistration registration)
    {
        var result = await RegisterAsync(registration);
        return new(result, result.Succeeded ? await GetAsync() : null);
    }

    /// <inheritdoc />
    public async Task<SeekerView?> GetAsync()
    {
        if (state.State.Registration is not { } r)
        {
            return null;
        }
        var groups = await EffectiveKeyGroupsAsync();
        return new SeekerView(
            this.GetPrimaryKeyString(), r.SiteCode, r.Name, Masking.IdCard(r.IdNumber), Masking.Phone(r.Phone), r.BirthDate, r.Gender,
            r.Education, r.Occupations, r.Skills, r.ExpectedPayMin, r.Lat, r.Lon, r.Rural, r.Availability, groups,
            state.State.Status, state.State.StatusSince, state.State.HouseholdId, [.. state.State.Placements], [.. state.State.FollowUps],
            state.State.RegisteredOn)
        {
            DeregisteredOn = state.State.DeregisteredOn,
            DeregistrationReason = state.State.DeregistrationReason,
        };
    }

    /// <inheritdoc />
    public Task<StatusChange[]?> GetStatusHistoryAsync()
    {
        if (state.State.Registration is null)
        {
            return Task.FromResult<StatusChange[]?>(null);
        }
        StatusChange[] history = state.State.StatusHistory.Count > 0
            ? [.. state.State.StatusHistory]
            : [new StatusChange(state.State.Status, state.State.StatusSince, StatusCauses.Unrecorded)];
        return Task.FromResult<StatusChange[]?>(history);
    }

    /// <inheritdoc />
    public async Task<CommandResult> DeregisterAsync(DateOnly date, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        await PublishIndicatorsAsync();
        await ReportToHouseholdIfPendingAsync();
        var id = this.GetPrimaryKeyString();
        if (state.State.Registration is null)
        {
            return CommandResult.NotFound("id", id, "seeker (求职者)");
        }
        if (state.State.DeregisteredOn is not null)
        {
            return CommandResult.Ok(id);
        }
        const string rule = "deregistration (注销登记)";
        var v = new ValidationResult();
        v.AddIf(date > clock.Today, "date", Format(date), "is in the future", rule);
        v.AddIf(date < state.State.StatusSince, "date", Format(date),
            $"is before the current status date {Format(state.State.StatusSince)}", rule);
        if (!v.IsValid)
        {
            return CommandResult.Invalid(v);
        }
        if (HasActivePlacement())
        {
            return CommandResult.Conflict(id, "id", id, "holds an active placement; end it first", EmployedRule);
        }
        state.State.DeregisteredOn = date;
        state.State.DeregistrationReason = reason;
        SetStatus(LabourStatus.NotInLabourForce, date, StatusCauses.Deregistration);
        state.State.Indicators.Bump();
        state.State.HouseholdReportPending |= state.State.HouseholdId is not null;
        await WriteWithIndicatorsAsync();
        await ReportToHouseholdIfPendingAsync();
        await PublishIndicatorsAsync();
        LogDeregistered(logger, id);
        return CommandResult.Ok(id);
    }

    /// <inheritdoc />
    public async Task<CommandResult> AddFollowUpAsync(FollowUp followUp)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        var id = this.GetPrimaryKeyString();
        if (state.State.Registration is null)
        {
            return CommandResult.NotFound("id", id, "seeker (求职者)");
        }
        const string rule = "one-to-one assistance record (一对一帮扶记录)";
        var v = new ValidationResult();
        v.AddIf(followUp.Date > clock.Today, "date", Format(followUp.Date), "is in the future", rule);
        v.AddIf(string.IsNullOrWhiteSpace(followUp.Kind), "kind", followUp.Kind ?? string.Empty, "is required", rule);
        v.AddIf(followUp.Note is null || followUp.Note.Length > 2000, "note", string.Empty,
            "is required and at most 2,000 characters", rule);
        v.AddIf(string.IsNullOrWhiteSpace(followUp.By), "by", followUp.By ?? string.Empty, "is required", rule);
        if (!v.IsValid)
        {
            return CommandResult.Invalid(v);
        }
        state.State.FollowUps.Add(followUp);
        await state.WriteStateAsync();
        return CommandResult.Ok(id);
    }

    /// <inheritdoc />
    public async Task<SeekerFacts?> GetFactsAsync()
    {
        if (state.State.Registration is not { } r)
        {
            return null;
        }
        return new SeekerFacts(r.SiteCode, state.State.Status, state.State.StatusSince, await EffectiveKeyGroupsAsync(),
            state.State.HouseholdId);
    }

    /// <inheritdoc />
    public Task<string?> GetSiteCodeAsync() => Task.FromResult(state.State.Registration?.SiteCode);

    /// <inheritdoc />
    public Task<SeekerStepResult> PlaceAsync(string placementId, string postId, DateOnly start) =>
        PlaceCoreAsync(placementId, postId, start, work: null);

    /// <inheritdoc />
    public Task<SeekerStepResult> PlaceAsync(string placementId, string postId, DateOnly start, string? occupation, WorkKind? kind) =>
        PlaceCoreAsync(placementId, postId, start, work: (occupation, kind));

    // work: the post's occupation and kind when the caller knows them; otherwise they are read from the post.
    private async Task<SeekerStepResult> PlaceCoreAsync(string placementId, string postId, DateOnly start,
        (string? Occupation, WorkKind? Kind)? work)
    {
        ArgumentException.ThrowIfNullOrEmpty(placementId);
        await PublishIndicatorsAsync();
        var id = this.GetPrimaryKeyString();
        if (state.State.Registration is null)
        {
            return Step(CommandResult.NotFound("seeker_id", id, "seeker (求职者)"));
        }
        if (state.State.Placements.Exists(p => string.Equals(p.PlacementId, placementId, StringComparison.Ordinal)))
        {
            return Step(CommandResult.Ok(placementId));
        }
        if (state.State.Status == LabourStatus.Employed)
        {
            return Step(CommandResult.Conflict(id, "seeker_id", id, "is already employed (已就业)", EmployedRule));
        }
        if (state.State.DeregisteredOn is not null)
        {
            return Step(CommandResult.Conflict(id, "seeker_id", id, "is deregistered (已注销)", "deregistration (注销登记)"));
        }
        // The post's occupation and kind feed the re-ranker's history (PlacedWork); a post not found leaves them unknown.
        if (work is null)
        {
            var post = (await GrainFactory.Reference<IPostGrain>(postId).GetAsync())?.Profile;
            work = (post?.Occupation, post?.Kind);
        }
        state.State.Placements.Add(new PlacementRecord(placementId, postId, start, null, null, work.Value.Occupation, work.Value.Kind));
        SetStatus(LabourStatus.Employed, start, StatusCauses.Placement);
        state.State.Indicators.Bump();
        var previousPartition = StageMatchPartition();
        await NoteMatchSiteAsync();
        await WriteWithIndicatorsAsync();
        await Task.WhenAll(PublishIndicatorsAsync(), PublishMatchAsync(previousPartition));
        LogPlaced(logger, id, placementId);
        return Step(CommandResult.Ok(placementId));
    }

    /// <inheritdoc />
    public async Task<SeekerStepResult> EndPlacementAsync(string placementId, DateOnly end, PlacementEndReason reason)
    {
        await PublishIndicatorsAsync();
        var index = state.State.Placements.FindIndex(p => string.Equals(p.PlacementId, placementId, StringComparison.Ordinal));
        if (index < 0)
        {
            return Step(CommandResult.NotFound("placement_id", placementId, "placement (安置记录)"));
        }
        var record = state.State.Placements[index];
        if (record.End is null)
        {
            state.State.Placements[index] = record with { End = end, EndReason = reason };
            // Only the placement that made the seeker employed turns them unemployed again.
            if (state.State.Status == LabourStatus.Employed && state.State.StatusSince == record.Start)
            {
                SetStatus(LabourStatus.Unemployed, end, StatusCauses.End);
            }
            state.State.Indicators.Bump();
            var previousPartition = StageMatchPartition();
            await NoteMatchSiteAsync();
            await WriteWithIndicatorsAsync();
            await Task.WhenAll(PublishIndicatorsAsync(), PublishMatchAsync(previousPartition));
        }
        return Step(CommandResult.Ok(placementId));
    }

    /// <inheritdoc />
    public async Task<SeekerStepResult> JoinHouseholdAsync(string householdId)
    {
        ArgumentException.ThrowIfNullOrEmpty(householdId);
        var id = this.GetPrimaryKeyString();
        if (state.State.Registration is null)
        {
            return Step(CommandResult.NotFound("member_ids", id, "seeker (求职者)"));
        }
        if (state.State.HouseholdId is { } current && !string.Equals(current, householdId, StringComparison.Ordinal))
        {
            return Step(CommandResult.Conflict(current, "member_ids", id, $"already belongs to household {current}",
                "a person belongs to one household (家庭)"));
        }
        if (state.State.HouseholdId is null)
        {
            state.State.HouseholdId = householdId;
            await state.WriteStateAsync();
        }
        return Step(CommandResult.Ok(id));
    }

    /// <inheritdoc />
    public Task<IndicatorSourceReport> GetIndicatorSourceAsync() =>
        Task.FromResult(SeekerRecordRules.Report(state.State));

    /// <inheritdoc />
    public async Task<PostList?> GetPostListAsync(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (state.State.Registration is null)
        {
            return null;
        }
        var today = clock.Today;
        var record = await MatchRecordAsync();
        var items = k <= matching.PostListSize
            ? [.. (await _postList.RefreshAsync(GrainFactory, matching, record, today)).Take(k)]
            : await MatchQueries.TopPostsAsync(GrainFactory, matching, record, k, today);
        return new PostList(this.GetPrimaryKeyString(), today, items);
    }

    // Sets the partition that holds the seeker after the coming write (null unless unemployed); returns the one before.
    private string? StageMatchPartition()
    {
        var previous = state.State.MatchPartition;
        state.State.MatchPartition = state.State.Registration is { } r && state.State.Status == LabourStatus.Unemployed
            ? MatchPartitions.KeyOf(r.Lat, r.Lon, matching.CellDegrees)
            : null;
        _matchRecord = null;
        return previous;
    }

    // Before the write that puts the seeker in a cell: the partition learns the site, so a rebuild asks this seeker, and
    // the site's directory lists the seeker as active in that cell unless it is known to (the registration's entry, an
    // earlier call), so a rebuild reads only its cell's records (SiteDirectoryGrain.Cells): a placement and its end call
    // nothing here.
    private async Task NoteMatchSiteAsync()
    {
        if (state.State.MatchPartition is { } key && state.State.Registration is { } r)
        {
            await (string.Equals(state.State.ListedCell, key, StringComparison.Ordinal)
                ? notedSites.NoteAsync(GrainFactory, key, r.SiteCode)
                : Task.WhenAll(notedSites.NoteAsync(GrainFactory, key, r.SiteCode), ListInCellAsync(key, r)));
        }
    }

    private async Task ListInCellAsync(string cell, SeekerRegistration r)
    {
        await GrainFactory.Reference<ISiteDirectoryGrain>(r.SiteCode).ListSeekerAsync(this.GetPrimaryKeyString(), r.Name, cell);
        state.State.ListedCell = cell;
    }

    // Leaves the old partition on a move or when no longer active; (re)publishes to the current one. Idempotent.
    private async Task PublishMatchAsync(string? previousPartition)
    {
        var current = state.State.MatchPartition;
        if (previousPartition is not null && !string.Equals(previousPartition, current, StringComparison.Ordinal))
        {
            await GrainFactory.Kept<IMatchPartitionGrain>(previousPartition).RemoveSeekerAsync(this.GetPrimaryKeyString());
        }
        if (current is not null)
        {
            // An activation that holds no list (a registration, an activation before its first read) says so: a young
            // partition then sends it no notice, which would find no list to refresh.
            var partition = GrainFactory.Kept<IMatchPartitionGrain>(current);
            var record = await MatchRecordAsync();
            await (_postList.HasList ? partition.UpsertSeekerAsync(record) : partition.UpsertListlessSeekerAsync(record));
        }
    }

    // One record object per change and day: the post list cache recognises an unchanged seeker by reference.
    private async Task<SeekerMatchRecord> MatchRecordAsync()
    {
        var today = clock.Today;
        if (_matchRecord is null || _matchRecordDate != today)
        {
            _matchRecord = SeekerRecordRules.MatchRecord(this.GetPrimaryKeyString(), state.State,
                await EffectiveKeyGroupsAsync());
            _matchRecordDate = today;
        }
        return _matchRecord;
    }

    private IndicatorContribution Contribution() => SeekerRecordRules.Contribution(state.State);

    private Task PublishIndicatorsAsync() => state.State.Indicators.PublishAsync(
        this, IndicatorSources.Id(IndicatorSources.Seeker, this.GetPrimaryKeyString()),
        state.State.Registration?.SiteCode, Contribution());

    // The state write of a change; on the embedded store it carries the change's indicator events (IndicatorOutbox.WriteAsync),
    // and the PublishIndicatorsAsync after it finds nothing pending.
    private Task WriteWithIndicatorsAsync() => state.State.Indicators.WriteAsync(state, this,
        IndicatorSources.Id(IndicatorSources.Seeker, this.GetPrimaryKeyString()), state.State.Registration?.SiteCode, Contribution());

    private async Task ReportToHouseholdIfPendingAsync()
    {
        if (state.State.HouseholdReportPending && state.State.HouseholdId is { } householdId)
        {
            await GrainFactory.Reference<IHouseholdGrain>(householdId).ReportMemberStatusAsync(this.GetPrimaryKeyString(), CurrentStatus());
            // Stored with the next write; until then a repeat after a restart is harmless.
            state.State.HouseholdReportPending = false;
        }
    }

    private SeekerStepResult Step(CommandResult result) => new(result, state.State.HouseholdId,
        state.State.Registration is null ? null : CurrentStatus());

    private MemberStatus CurrentStatus() => new(state.State.Status, state.State.StatusSince, state.State.StatusVersion);

    private void SetStatus(LabourStatus status, DateOnly since, string cause)
    {
        state.State.Status = status;
        state.State.StatusSince = since;
        state.State.StatusVersion++;
        state.State.StatusHistory.Add(new StatusChange(status, since, cause));
    }

    private bool HasActivePlacement() => state.State.Placements.Exists(p => p.End is null);

    private async Task<KeyGroups> EffectiveKeyGroupsAsync()
    {
        var zero = false;
        if (state.State.HouseholdId is { } householdId)
        {
            var household = await GrainFactory.Reference<IHouseholdGrain>(householdId).GetAsync();
            zero = household?.ZeroEmployment ?? false;
        }
        return SeekerRecordRules.KeyGroups(state.State, zero, clock.Today);
    }

    private async Task<IdCardClaim> ClaimIdCardAsync(string id, IdCardNumber idCard)
    {
        var registry = GrainFactory.Reference<IIdCardRegistryGrain>(idCardKeys.KeyOf(idCard));
        // A number nobody holds is claimed by inserting the registry's row straight in storage, as the bulk import does: one
        // write, and no registry activation (nor its collection a minute later) per registration. The insert carries no
        // ETag, so it fails when the row exists (a holder, or a claim left by a registration that never wrote); the
        // registry grain decides those as before, and its own writes, ETag-checked, find a claim made behind its back.
        if (await IdCardClaims.TryInsertAsync(ServiceProvider, registry.GetGrainId(), id, idCard.Masked))
        {
            return new IdCardClaim(true, id);
        }
        var claim = await registry.ClaimAsync(id, idCard.Masked);
        if (claim.Granted)
        {
            return claim;
        }
        // A holder that never finished registering (its write failed) leaves a claim behind; such a claim is taken over.
        // The holder answers only after any registration it is running, so a live registration is never overtaken.
        var holder = await GrainFactory.Reference<ISeekerRecordGrain>(claim.OwnerSeekerId).GetFactsAsync();
        return holder is null ? await registry.TransferAsync(claim.OwnerSeekerId, id) : claim;
    }

    internal static (ValidationResult Result, IdCardNumber? IdCard) Validate(string id, SeekerRegistration r, DateOnly today)
    {
        var v = new ValidationResult();
        IdCardNumber? idCard = null;
        if (string.IsNullOrEmpty(r.IdNumber))
        {
            v.Add("id_card", string.Empty, "is required", IdRule);
        }
        else if (!IdCardNumber.TryParse(r.IdNumber, out idCard, out var idError))
        {
            v.Add(idError!);
        }
        var occupations = new List<OccupationCode>(r.Occupations.Length);
        for (var i = 0; i < r.Occupations.Length; i++)
        {
            if (OccupationCode.TryParse(r.Occupations[i], out var code, out var problem))
            {
                occupations.Add(code);
            }
            else
            {
                v.Add($"occupations[{i}]", r.Occupations[i] ?? string.Empty, problem ?? "is not an occupation code",
                    "occupation code (职业分类代码) X-XX-XX-XX or a prefix");
            }
        }
        v.AddIf(string.IsNullOrWhiteSpace(r.SiteCode), "site_code", r.SiteCode ?? string.Empty, "is required", "registering site (登记网点)");
        var seeker = r.ToDomain(id, idCard, occupations);
        v.Merge(seeker.Validate(today));
        v.AddIf(!Enum.IsDefined(r.Status), "status", r.Status.ToString(), "must be employed, unemployed or not_in_labour_force",
            "labour status (劳动力状态)");
        v.AddIf(r.StatusSince > today, "status_since", Format(r.StatusSince), $"is after today {Format(today)}",
            "labour status date (状态开始日期)");
        v.AddIf(r.StatusSince < r.BirthDate, "status_since", Format(r.StatusSince), "is before the birth date",
            "labour status date (状态开始日期)");
        return (v, idCard);
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Seeker {SeekerId} registered at site {SiteCode}")]
    private static partial void LogRegistered(ILogger logger, string seekerId, string siteCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Seeker {SeekerId} deregistered")]
    private static partial void LogDeregistered(ILogger logger, string seekerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Seeker {SeekerId} placed by {PlacementId}")]
    private static partial void LogPlaced(ILogger logger, string seekerId, string placementId);
}
