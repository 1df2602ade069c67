using JobHome.Domain.Indicators;
using JobHome.Domain.Validation;
using JobHome.Grains.Indicators;
using JobHome.Grains.Records;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Sites;
using JobHome.Grains.Time;
using JobHome.Storage;
using Microsoft.Extensions.Logging;

namespace JobHome.Grains.People;

/// <summary>
/// A household. Its zero-employment date comes from <see cref="IndicatorDefinitions.ZeroEmploymentSince"/> over the
/// members' statuses; while zero-employment, a durable reminder is due the day the household becomes overdue
/// (zero-employment date + 1 month &lt; today) and raises the alert.
/// </summary>
public sealed partial class HouseholdGrain(
    [PersistentState("household", StorageNames.Default)] IPersistentState<HouseholdState> state,
    ServerClock clock,
    ILogger<HouseholdGrain> logger) : Grain, IHouseholdGrain, IRemindable, IIndicatorSourceGrain
{
    /// <summary>The name of the one-month reminder.</summary>
    public const string OverdueReminder = "zero-employment-overdue";

    private const string Rule = "household (家庭) members are registered seekers, each in one household";

    // Member reports interleave with registration; their writes must not overlap (a second write in flight would carry
    // a stale ETag), so every write passes this gate.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <inheritdoc />
    public async Task<CommandResult> RegisterAsync(HouseholdRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var id = this.GetPrimaryKeyString();
        if (state.State.SiteCode is not null)
        {
            var same = string.Equals(state.State.SiteCode, registration.SiteCode, StringComparison.Ordinal)
                && state.State.Members.Select(m => m.SeekerId).SequenceEqual(registration.MemberIds ?? [], StringComparer.Ordinal);
            return same && state.State.Members.TrueForAll(m => m.Status is not null)
                ? CommandResult.Ok(id)
                : same ? await JoinMembersAsync(id) : CommandResult.Conflict(id, "id", id, "is already registered with other data", Rule);
        }

        var v = new ValidationResult();
        var members = registration.MemberIds ?? [];
        v.AddIf(members.Length == 0, "member_ids", string.Empty, "must name at least one member", Rule);
        v.AddIf(members.Distinct(StringComparer.Ordinal).Count() != members.Length, "member_ids", string.Empty,
            "names a member twice", Rule);
        if (string.IsNullOrWhiteSpace(registration.SiteCode))
        {
            v.Add("site_code", string.Empty, "is required", "registering site (登记网点)");
        }
        else if (await GrainFactory.Reference<ISiteGrain>(registration.SiteCode).GetAsync() is null)
        {
            return CommandResult.NotFound("site_code", registration.SiteCode, "registering site (登记网点)");
        }
        for (var i = 0; i < members.Length && v.IsValid; i++)
        {
            var facts = await GrainFactory.Reference<ISeekerRecordGrain>(members[i]).GetFactsAsync();
            if (facts is null)
            {
                return CommandResult.NotFound($"member_ids[{i}]", members[i], "seeker (求职者)");
            }
            v.AddIf(facts.HouseholdId is { } other && !string.Equals(other, id, StringComparison.Ordinal),
                $"member_ids[{i}]", members[i], "already belongs to another household", Rule);
        }
        if (!v.IsValid)
        {
            return CommandResult.Invalid(v);
        }

        // The per-site index first: a record at a site is always listed there (see ISiteDirectoryGrain).
        await GrainFactory.Reference<ISiteDirectoryGrain>(registration.SiteCode).PutHouseholdAsync(id);
        state.State.SiteCode = registration.SiteCode;
        state.State.RegisteredOn = clock.Today;
        state.State.Members = [.. members.Select(m => new HouseholdMemberState { SeekerId = m })];
        await WriteAndPublishAsync();
        return await JoinMembersAsync(id);
    }

    /// <inheritdoc />
    public Task<HouseholdView?> GetAsync()
    {
        if (state.State.SiteCode is not { } site)
        {
            return Task.FromResult<HouseholdView?>(null);
        }
        var since = state.State.ZeroEmploymentSince;
        var overdue = since is { } d && IndicatorDefinitions.ZeroEmploymentOverdue(d, clock.Today);
        var members = state.State.Members.Select(m => new HouseholdMemberView(m.SeekerId, m.Status?.Status, m.Status?.Since)).ToArray();
        return Task.FromResult<HouseholdView?>(new HouseholdView(
            this.GetPrimaryKeyString(), site, members, since is not null, since, overdue, state.State.OverdueAlertRaised,
                state.State.RegisteredOn));
    }

    /// <inheritdoc />
    public async Task<CommandResult> ReportMemberStatusAsync(string seekerId, MemberStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var member = state.State.Members.Find(m => string.Equals(m.SeekerId, seekerId, StringComparison.Ordinal));
        if (member is null)
        {
            return CommandResult.NotFound("seeker_id", seekerId, Rule);
        }
        if (member.Status is null || status.Version > member.Status.Version)
        {
            member.Status = status;
            await RecomputeAsync();
            await WriteAndPublishAsync();
        }
        return CommandResult.Ok(seekerId);
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!string.Equals(reminderName, OverdueReminder, StringComparison.Ordinal))
        {
            return;
        }
        var since = state.State.ZeroEmploymentSince;
        if (since is null || state.State.OverdueAlertRaised)
        {
            await UnregisterOverdueReminderAsync();
            return;
        }
        if (IndicatorDefinitions.ZeroEmploymentOverdue(since.Value, clock.Today))
        {
            state.State.OverdueAlertRaised = true;
            await WriteAndPublishAsync();
            await UnregisterOverdueReminderAsync();
            LogOverdue(logger, this.GetPrimaryKeyString());
        }
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await PublishIndicatorsAsync();
        await base.OnActivateAsync(cancellationToken);
    }

    private async Task WriteAndPublishAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            state.State.Indicators.Bump();
            await WriteWithIndicatorsAsync();
            await PublishIndicatorsAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<IndicatorSourceReport> GetIndicatorSourceAsync() => Task.FromResult(HouseholdRecordRules.Report(state.State));

    private Task PublishIndicatorsAsync() => state.State.Indicators.PublishAsync(
        this, IndicatorSources.Id(IndicatorSources.Household, this.GetPrimaryKeyString()),
        state.State.SiteCode, HouseholdRecordRules.Contribution(state.State));

    // The state write of a change; on the embedded store it carries the change's indicator events (IndicatorOutbox.WriteAsync),
    // and the PublishIndicatorsAsync after it finds nothing pending.
    private Task WriteWithIndicatorsAsync() => state.State.Indicators.WriteAsync(state, this,
        IndicatorSources.Id(IndicatorSources.Household, this.GetPrimaryKeyString()), state.State.SiteCode,
        HouseholdRecordRules.Contribution(state.State));

    private async Task<CommandResult> JoinMembersAsync(string id)
    {
        foreach (var member in state.State.Members)
        {
            var joined = await GrainFactory.Reference<ISeekerRecordGrain>(member.SeekerId).JoinHouseholdAsync(id);
            if (!joined.Result.Succeeded)
            {
                return joined.Result;
            }
            if (joined.Status is { } s && (member.Status is null || s.Version > member.Status.Version))
            {
                member.Status = s;
            }
        }
        await RecomputeAsync();
        await WriteAndPublishAsync();
        return CommandResult.Ok(id);
    }

    private async Task RecomputeAsync()
    {
        var since = IndicatorDefinitions.ZeroEmploymentSince(
            state.State.Members.Where(m => m.Status is not null).Select(m => (m.Status!.Status, m.Status.Since)));
        if (since == state.State.ZeroEmploymentSince)
        {
            return;
        }
        state.State.ZeroEmploymentSince = since;
        state.State.OverdueAlertRaised = false;
        if (since is { } d)
        {
            var due = clock.StartOf(IndicatorDefinitions.ZeroEmploymentOverdueFrom(d)) - clock.Now;
            await this.RegisterOrUpdateReminder(OverdueReminder, due < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : due,
                TimeSpan.FromDays(1));
        }
        else
        {
            await UnregisterOverdueReminderAsync();
        }
    }

    private async Task UnregisterOverdueReminderAsync()
    {
        if (await this.GetReminder(OverdueReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Household {HouseholdId} is zero-employment for over a month (零就业家庭超期)")]
    private static partial void LogOverdue(ILogger logger, string householdId);
}
