using System.Globalization;
using JobHome.Domain.People;
using JobHome.Domain.Validation;
using JobHome.Domain.Work;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.Time;
using JobHome.Storage;
using Microsoft.Extensions.Logging;

namespace JobHome.Grains.Placements;

/// <summary>
/// A placement as a small saga: the intent is stored first, then post (take an opening), seeker (employed from the
/// start date) and household (status report); the placement stores its intent and its outcome, while the steps between
/// (post taken, seeker placed or ended) are stored by the post and the seeker themselves. Every step is idempotent by
/// the placement id, so a retry, a reactivation or the ledger's sweep (<see cref="IPlacementLedgerGrain"/>: the
/// placement is listed there before its intent is stored) redoes the steps from the last stored one and completes a
/// placement exactly once after a crash between steps. A seeker refused after the post gave an opening gets the opening
/// released again.
/// </summary>
public sealed partial class PlacementGrain(
    [PersistentState("placement", StorageNames.Default)] IPersistentState<PlacementState> state,
    IPlacementStepHook hook,
    ServerClock clock,
    ILogger<PlacementGrain> logger) : Grain, IPlacementGrain, IRemindable
{
    /// <summary>
    /// The per-placement finishing reminder of states stored before the ledger (<see cref="IPlacementLedgerGrain"/>):
    /// no longer registered; one still registered finishes its placement and is removed on its next tick.
    /// </summary>
    public const string FinishReminder = "placement-finish";

    private const string PublicWelfareRule
        = "public-welfare posts (公益性岗位) are for hard-to-employ people, members of zero-employment households, "
        + "poverty-alleviated people, disabled people and low-income (低保) people";

    private bool Pending => state.State.Step is PlacementStep.Intended or PlacementStep.PostTaken or PlacementStep.SeekerPlaced
        or PlacementStep.EndIntended or PlacementStep.SeekerEnded;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Pending)
        {
            try
            {
                await AdvanceAsync(storeOutcome: true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The ledger's sweep (or the next call) retries; activation must not fail because a neighbour is away.
                LogResumeFailed(logger, this.GetPrimaryKeyString(), state.State.Step, ex);
            }
        }
        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CommandResult> PlaceAsync(PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = this.GetPrimaryKeyString();
        var v = new ValidationResult();
        v.AddIf(string.IsNullOrWhiteSpace(request.SeekerId), "seeker_id", request.SeekerId, "is required", "seeker (求职者)");
        v.AddIf(string.IsNullOrWhiteSpace(request.PostId), "post_id", request.PostId, "is required", "post (岗位)");
        v.AddIf(request.Start > clock.Today, "date", Format(request.Start), "is after today", "placement date (上岗日期)");
        if (!v.IsValid)
        {
            return CommandResult.Invalid(v);
        }
        if (state.State.Request is { } recorded)
        {
            if (recorded != request)
            {
                return CommandResult.Conflict(id, "id", id, "is already used for another placement",
                    "a placement id names one placement (幂等)");
            }
            await AdvanceGuardedAsync();
            return Outcome(id);
        }

        // The two reads are independent: they wait together (the post's answer still decides first).
        var postRead = GrainFactory.Reference<IPostGrain>(request.PostId).GetAsync();
        var seekerRead = GrainFactory.Reference<ISeekerRecordGrain>(request.SeekerId).GetFactsAsync();
        await Task.WhenAll(postRead, seekerRead);
        var post = await postRead;
        if (post is null)
        {
            return CommandResult.NotFound("post_id", request.PostId, "post (岗位)");
        }
        var seeker = await seekerRead;
        if (seeker is null)
        {
            return CommandResult.NotFound("seeker_id", request.SeekerId, "seeker (求职者)");
        }
        if (post.Profile.Kind == WorkKind.PublicWelfare && (seeker.KeyGroups & KeyGroupTokens.PublicWelfareEligible) == 0)
        {
            return CommandResult.Conflict(request.PostId, "post_id", request.PostId,
                "is a public-welfare post and the seeker is in none of its groups", PublicWelfareRule);
        }
        if (seeker.Status == LabourStatus.Employed)
        {
            return CommandResult.Conflict(request.SeekerId, "seeker_id", request.SeekerId, "is already employed (已就业)",
                "a seeker holds one placement at a time (不得重复安置)");
        }

        // Listed in the ledger first: a crash after it but before the intent leaves an entry the sweep finds with nothing to do.
        await PlacementLedger.For(GrainFactory, id).AddAsync(id, end: false);
        state.State.Request = request;
        state.State.Step = PlacementStep.Intended;
        state.State.PostWorkKnown = true;
        state.State.PostOccupation = post.Profile.Occupation;
        state.State.PostKind = post.Profile.Kind;
        await state.WriteStateAsync();
        await AdvanceGuardedAsync(PlacementStep.Intended);
        return Outcome(id);
    }

    /// <inheritdoc />
    public async Task<CommandResult> EndAsync(PlacementEnd end)
    {
        ArgumentNullException.ThrowIfNull(end);
        var id = this.GetPrimaryKeyString();
        if (state.State.Request is not { } request)
        {
            return CommandResult.NotFound("id", id, "placement (安置记录)");
        }
        if (Pending)
        {
            await AdvanceGuardedAsync();
        }
        if (state.State.End is { } recorded)
        {
            return recorded == end
                ? CommandResult.Ok(id)
                : CommandResult.Conflict(id, "end", Format(recorded.Date), "the placement has already ended",
                    "a placement ends once (就业终止)");
        }
        if (state.State.Step != PlacementStep.Completed)
        {
            return CommandResult.Conflict(id, "id", id, "was refused, so it cannot end", "only a placement made can end (就业终止)");
        }
        var (_, result) = new Domain.Posts.Placement(id, request.SeekerId, request.PostId, request.Start).Finish(end.Date, end.Reason);
        result.AddIf(end.Date > clock.Today, "date", Format(end.Date), "is after today", "end date (终止日期)");
        result.AddIf(!Enum.IsDefined(end.Reason), "reason", end.Reason.ToString(), "is not a known reason", "end reason (终止原因)");
        if (!result.IsValid)
        {
            return CommandResult.Invalid(result);
        }

        await PlacementLedger.For(GrainFactory, id).AddAsync(id, end: true);
        state.State.End = end;
        state.State.Step = PlacementStep.EndIntended;
        await state.WriteStateAsync();
        await AdvanceGuardedAsync(PlacementStep.EndIntended);
        return CommandResult.Ok(id);
    }

    /// <inheritdoc />
    public async Task<CommandAnswer<PlacementView>> PlaceAndGetAsync(PlacementRequest request)
    {
        var result = await PlaceAsync(request);
        return new(result, result.Succeeded ? await GetAsync() : null);
    }

    /// <inheritdoc />
    public async Task<CommandAnswer<PlacementView>> EndAndGetAsync(PlacementEnd end)
    {
        var result = await EndAsync(end);
        return new(result, result.Succeeded ? await GetAsync() : null);
    }

    /// <inheritdoc />
    public Task<PlacementView?> GetAsync() => Task.FromResult(state.State.Request is { } r
        ? new PlacementView(this.GetPrimaryKeyString(), r, state.State.Step, [.. state.State.Refusal], state.State.End)
        : null);

    /// <inheritdoc />
    public async Task<bool> FinishPendingAsync()
    {
        if (Pending)
        {
            await AdvanceGuardedAsync();
        }
        return !Pending;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!string.Equals(reminderName, FinishReminder, StringComparison.Ordinal))
        {
            return;
        }
        if (Pending)
        {
            await AdvanceGuardedAsync();
        }
        if (!Pending && await this.GetReminder(FinishReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private CommandResult Outcome(string id) => state.State.Step == PlacementStep.Refused
        ? new CommandResult(CommandOutcome.Conflict, id, [.. state.State.Refusal])
        : CommandResult.Ok(id);

    private async Task AdvanceGuardedAsync(PlacementStep? justStored = null)
    {
        try
        {
            if (justStored is { } step)
            {
                hook.AfterStep(this.GetPrimaryKeyString(), step);
            }
            // An intent stored in this call leaves its outcome in memory; one resumed from storage stores it.
            await AdvanceAsync(storeOutcome: justStored is null);
        }
        catch
        {
            // Memory may now be ahead of storage: start the next call from what was stored.
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task AdvanceAsync(bool storeOutcome)
    {
        var id = this.GetPrimaryKeyString();
        while (true)
        {
            var request = state.State.Request!;
            switch (state.State.Step)
            {
                case PlacementStep.Intended:
                    var taken = await GrainFactory.Reference<IPostGrain>(request.PostId).TakeOpeningAsync(id);
                    if (!taken.Succeeded)
                    {
                        await RefuseAsync(taken.Errors);
                        return;
                    }
                    MarkStep(id, PlacementStep.PostTaken);
                    break;
                case PlacementStep.PostTaken:
                    var seeker = GrainFactory.Reference<ISeekerRecordGrain>(request.SeekerId);
                    var placed = state.State.PostWorkKnown
                        ? await seeker.PlaceAsync(id, request.PostId, request.Start, state.State.PostOccupation, state.State.PostKind)
                        : await seeker.PlaceAsync(id, request.PostId, request.Start);
                    if (!placed.Result.Succeeded)
                    {
                        await GrainFactory.Reference<IPostGrain>(request.PostId).ReleaseOpeningAsync(id);
                        await RefuseAsync(placed.Result.Errors);
                        return;
                    }
                    state.State.HouseholdId = placed.HouseholdId;
                    state.State.SeekerStatus = placed.Status;
                    MarkStep(id, PlacementStep.SeekerPlaced);
                    break;
                case PlacementStep.SeekerPlaced:
                    await ReportToHouseholdAsync(request.SeekerId);
                    await FinishStepAsync(id, PlacementStep.Completed, storeOutcome);
                    await PlacementLedger.For(GrainFactory, id).DoneAsync(id, end: false);
                    LogPlaced(logger, id, request.PostId);
                    return;
                case PlacementStep.EndIntended:
                    var end = state.State.End!;
                    var ended = await GrainFactory.Reference<ISeekerRecordGrain>(request.SeekerId).EndPlacementAsync(id,
                        end.Date, end.Reason);
                    state.State.HouseholdId = ended.HouseholdId;
                    state.State.SeekerStatus = ended.Status;
                    MarkStep(id, PlacementStep.SeekerEnded);
                    break;
                case PlacementStep.SeekerEnded:
                    await ReportToHouseholdAsync(request.SeekerId);
                    await FinishStepAsync(id, PlacementStep.Ended, storeOutcome);
                    await PlacementLedger.For(GrainFactory, id).DoneAsync(id, end: true);
                    LogEnded(logger, id);
                    return;
                default:
                    return;
            }
        }
    }

    private async Task ReportToHouseholdAsync(string seekerId)
    {
        if (state.State.HouseholdId is { } householdId && state.State.SeekerStatus is { } status)
        {
            await GrainFactory.Reference<IHouseholdGrain>(householdId).ReportMemberStatusAsync(seekerId, status);
        }
    }

    // A step between the stored ones: its effect is stored by the post or seeker itself and repeating it is idempotent, so
    // a crash before the next stored step redoes it from the last stored one (one state write per placement saved each).
    private void MarkStep(string id, PlacementStep step)
    {
        state.State.Step = step;
        hook.AfterStep(id, step);
    }

    // The outcome of a placing or an ending. Reached in the call that stored its intent, it stays in memory: every effect
    // is already stored by the post, the seeker and the household, so the stored intent alone redoes the idempotent steps
    // and arrives here again on any later activation (one write per placement and per end saved). Reached when resuming a
    // stored intent (activation, sweep, retry), it is stored, so the next activation does not redo the steps again.
    private async Task FinishStepAsync(string id, PlacementStep step, bool store)
    {
        state.State.Step = step;
        if (store)
        {
            await state.WriteStateAsync();
        }
        hook.AfterStep(id, step);
    }

    private async Task RefuseAsync(FieldError[] errors)
    {
        state.State.Refusal = [.. errors];
        state.State.Step = PlacementStep.Refused;
        await state.WriteStateAsync();
        var id = this.GetPrimaryKeyString();
        await PlacementLedger.For(GrainFactory, id).DoneAsync(id, end: false);
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Placement {PlacementId} completed on post {PostId}")]
    private static partial void LogPlaced(ILogger logger, string placementId, string postId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Placement {PlacementId} ended")]
    private static partial void LogEnded(ILogger logger, string placementId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Placement {PlacementId} could not resume from step {Step}; the ledger's sweep retries")]
    private static partial void LogResumeFailed(ILogger logger, string placementId, PlacementStep step, Exception exception);
}
