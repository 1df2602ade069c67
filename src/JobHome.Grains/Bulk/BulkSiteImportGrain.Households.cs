using JobHome.Domain.Indicators;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Records;

namespace JobHome.Grains.Bulk;

/// <summary>
/// Households: validated against their members' stored states, listed, then the household and its members' links written.
/// A household already stored (a repeated batch) passes the checks (its members point to it) and is completed.
/// </summary>
public sealed partial class BulkSiteImportGrain
{
    private const string HouseholdRule = "household (家庭) members are registered seekers, each in one household";

    /// <inheritdoc />
    public async Task<BulkResult[]> ImportHouseholdsAsync(BulkHousehold[] households)
    {
        ArgumentNullException.ThrowIfNull(households);
        var results = new BulkResult?[households.Length];
        if (!await SiteExistsAsync())
        {
            return RejectAll(households.Length, CommandResult.NotFound("site_code", SiteCode, SiteRule));
        }
        var today = clock.Today;
        var members = await Task.WhenAll(households.Select(h => h.MemberIds is null
            ? Task.FromResult(Array.Empty<BulkStoredState<SeekerState>>())
            : Task.WhenAll(h.MemberIds.Select(m => _store.ReadAsync<SeekerState>("seeker", SeekerGrainId(m))))));
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new List<int>();
        for (var i = 0; i < households.Length; i++)
        {
            if (!seen.Add(households[i].Id))
            {
                var id = households[i].Id;
                results[i] = BulkResult.Rejected(CommandResult.Conflict(id, "id", id, "appears twice in the batch", "import (批量导入)"));
                continue;
            }
            results[i] = CheckHousehold(households[i], members[i], taken);
            if (results[i] is null)
            {
                work.Add(i);
            }
        }

        // Directory first (as for seekers): a stored household is always listed.
        await Directory.PutManyAsync(IndicatorSources.Household, [.. work.Select(i => households[i].Id)], []);
        var written = await Task.WhenAll(work.Select(i => WriteHouseholdAsync(households[i], members[i], today)));
        var done = new List<(string Id, HouseholdState State)>();
        for (var j = 0; j < work.Count; j++)
        {
            var id = households[work[j]].Id;
            if (StoredElsewhere(written[j].Created, written[j].State.SiteCode, id) is { } elsewhere)
            {
                results[work[j]] = elsewhere;
                continue;
            }
            results[work[j]] = written[j].Created ? BulkResult.Created : BulkResult.Existing;
            done.Add((id, written[j].State));
        }
        await Task.WhenAll(done.Where(d => d.State.ZeroEmploymentSince is not null)
            .Select(d => GrainFactory.GetGrain<IBulkHouseholdGrain>(d.Id).EnsureOverdueReminderAsync()));
        await Indicators.ApplySourcesAsync([.. done.Select(d => new BulkSource(IndicatorSources.Id(IndicatorSources.Household, d.Id),
            d.State.Indicators.Version, HouseholdRecordRules.Contribution(d.State)))]);
        return [.. results.Select(r => r!)];
    }

    // The household grain's checks on its registration, over the members' stored states; null when it may be written.
    private static BulkResult? CheckHousehold(BulkHousehold household, BulkStoredState<SeekerState>[] members, HashSet<string> taken)
    {
        var ids = household.MemberIds ?? [];
        if (ids.Length == 0)
        {
            return BulkResult.Rejected(CommandResult.Invalid("member_ids", string.Empty, "must name at least one member", HouseholdRule));
        }
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Length)
        {
            return BulkResult.Rejected(CommandResult.Invalid("member_ids", string.Empty, "names a member twice", HouseholdRule));
        }
        for (var m = 0; m < ids.Length; m++)
        {
            if (members[m].State.Registration is null)
            {
                return BulkResult.Rejected(CommandResult.NotFound($"member_ids[{m}]", ids[m], "seeker (求职者)"));
            }
            var other = members[m].State.HouseholdId;
            if ((other is not null && !string.Equals(other, household.Id, StringComparison.Ordinal)) || taken.Contains(ids[m]))
            {
                return BulkResult.Rejected(CommandResult.Invalid($"member_ids[{m}]", ids[m], "already belongs to another household",
                    HouseholdRule));
            }
        }
        taken.UnionWith(ids);
        return null;
    }

    // Household first, then each member's link (as the grain does); a household already stored is kept and its links
    // completed, so a batch repeated after a crash finishes the joins.
    private async Task<(bool Created, HouseholdState State)> WriteHouseholdAsync(BulkHousehold household,
        BulkStoredState<SeekerState>[] members, DateOnly today)
    {
        var grainId = GrainFactory.GetGrain<IHouseholdGrain>(household.Id).GetGrainId();
        var state = new HouseholdState
        {
            SiteCode = SiteCode,
            RegisteredOn = today,
            Members = [.. household.MemberIds.Select((id, m) => new HouseholdMemberState
            {
                SeekerId = id,
                Status = new MemberStatus(members[m].State.Status, members[m].State.StatusSince, members[m].State.StatusVersion),
            })],
        };
        state.ZeroEmploymentSince = IndicatorDefinitions.ZeroEmploymentSince(state.Members.Select(m => (m.Status!.Status, m.Status.Since)));
        state.Indicators.Bump();
        state.Indicators.PublishedVersion = state.Indicators.Version;
        state.Indicators.PublishedSiteCode = SiteCode;
        var created = await _store.TryInsertAsync("household", grainId, state);
        if (!created)
        {
            state = (await _store.ReadAsync<HouseholdState>("household", grainId)).State;
        }
        await Task.WhenAll(members.Select((member, m) => (member, m)).Where(x => x.member.State.HouseholdId is null).Select(x =>
        {
            x.member.State.HouseholdId = household.Id;
            return _store.WriteAsync("seeker", SeekerGrainId(household.MemberIds[x.m]), x.member);
        }));
        return (created, state);
    }

    private GrainId SeekerGrainId(string seekerId) => GrainFactory.GetGrain<ISeekerGrain>(seekerId).GetGrainId();
}
