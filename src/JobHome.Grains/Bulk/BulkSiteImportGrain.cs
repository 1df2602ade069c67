using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Records;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Sites;
using JobHome.Grains.Time;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Bulk;

/// <summary>
/// One site's bulk import (see <see cref="IBulkSiteImportGrain"/>). Order of a batch: validate every record; list the
/// valid ones in the site's directory; write the records' states (their indicator outboxes marked published); claim the
/// ID numbers (a record whose number another seeker holds is cleared and unlisted again); set the site's indicator
/// entries; publish to the match partitions. So a stored record is always listed (a crash leaves at worst listed records
/// that are missing, or stored but not yet counted: both seen and settled by a recount), and a batch cut short is
/// finished by sending it again (a record already stored is found by its failed first write, reported existing and
/// completed).
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class BulkSiteImportGrain(
    IdCardKeys idCardKeys,
    ServerClock clock,
    MatchingOptions matching,
    IServiceProvider services) : Grain, IBulkSiteImportGrain
{
    private const string SiteRule = "registering site (登记网点)";

    private readonly BulkStateStore _store = new(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default));

    private string SiteCode => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<BulkResult[]> ImportSeekersAsync(BulkSeeker[] seekers)
    {
        ArgumentNullException.ThrowIfNull(seekers);
        var results = new BulkResult?[seekers.Length];
        if (!await SiteExistsAsync())
        {
            return RejectAll(seekers.Length, CommandResult.NotFound("site_code", SiteCode, SiteRule));
        }
        var today = clock.Today;
        var work = ValidateSeekers(seekers, today, results);

        // Directory first: a crash after this leaves listed records that are missing or complete, which a recount sees
        // (a stored record never goes unlisted); a record whose ID number is lost below is unlisted again.
        await Directory.PutManyAsync(IndicatorSources.Seeker, [.. work.Select(w => w.Id)], [.. work.Select(w => w.Registration.Name)]);
        var states = work.Select(w => NewSeekerState(w.Registration, today)).ToArray();
        // Partitions learn the site before the writes that put records in their cells (rebuild, docs/grains.md).
        await NoteMatchSiteAsync(states.Select(s => s.MatchPartition));
        // The state before the ID number's claim: while a claim is held, its holder's state is there, so a live registration
        // of the same number never takes a held claim over (it takes over only claims whose holder has no state).
        var written = await Task.WhenAll(work.Select((w, j) => WriteSeekerAsync(w.Id, states[j])));
        // A record stored before (a repeated call) claims the number it was stored with, not the row's: the row changes
        // nothing of a stored record, and its claim is completed if a crash came between state and claim.
        var numbers = work.Select((w, j) => written[j].Created ? w.IdCard : StoredNumber(written[j].Stored.State) ?? w.IdCard).ToArray();
        var claims = await Task.WhenAll(work.Select((w, j) => ClaimAsync(w.Id, numbers[j])));
        var done = new List<(string Id, SeekerState State)>();
        var lost = new List<Task>();
        for (var j = 0; j < work.Count; j++)
        {
            var w = work[j];
            if (StoredElsewhere(written[j].Created, written[j].Stored.State.Registration?.SiteCode, w.Id) is { } elsewhere)
            {
                results[w.Index] = elsewhere;
                continue;
            }
            if (claims[j] is { } owner)
            {
                // Another seeker holds the number (a live registration got there first): this record is taken back.
                results[w.Index] = BulkResult.Rejected(CommandResult.Conflict(owner, "id_card", numbers[j].Masked,
                    $"is already registered (已登记) to seeker {owner}", SeekerGrain.IdRule));
                lost.Add(ForgetSeekerAsync(w.Id, written[j].Stored));
                continue;
            }
            results[w.Index] = written[j].Created ? BulkResult.Created : BulkResult.Existing;
            done.Add((w.Id, written[j].Stored.State));
        }
        await Task.WhenAll(lost);

        await Indicators.ApplySourcesAsync([.. done.Select(d => new BulkSource(IndicatorSources.Id(IndicatorSources.Seeker, d.Id),
            d.State.Indicators.Version, SeekerRecordRules.Contribution(d.State)))]);
        await UpsertSeekersAsync(done, today);
        return [.. results.Select(r => r!)];
    }

    // The seeker grain's checks on a first registration, plus the batch's own: one site, an id and an ID number once.
    private List<(int Index, string Id, SeekerRegistration Registration, IdCardNumber IdCard)> ValidateSeekers(BulkSeeker[] seekers,
        DateOnly today, BulkResult?[] results)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new Dictionary<IdCardNumber, string>();
        var work = new List<(int Index, string Id, SeekerRegistration Registration, IdCardNumber IdCard)>();
        for (var i = 0; i < seekers.Length; i++)
        {
            var (id, registration) = (seekers[i].Id, seekers[i].Registration);
            if (!seen.Add(id))
            {
                results[i] = BulkResult.Rejected(CommandResult.Conflict(id, "id", id, "appears twice in the batch", "import (批量导入)"));
                continue;
            }
            var (validation, idCard) = SeekerGrain.Validate(id, registration, today);
            validation.AddIf(!string.Equals(registration.SiteCode, SiteCode, StringComparison.Ordinal), "site_code",
                registration.SiteCode ?? string.Empty, $"differs from the batch's site {SiteCode}", SiteRule);
            if (!validation.IsValid || idCard is null)
            {
                results[i] = BulkResult.Rejected(CommandResult.Invalid(validation));
                continue;
            }
            if (!numbers.TryAdd(idCard, id))
            {
                // The first row of the batch with this number wins, as the first of two registrations would.
                var first = numbers[idCard];
                results[i] = BulkResult.Rejected(CommandResult.Conflict(first, "id_card", idCard.Masked,
                    $"is already registered (已登记) to seeker {first}", SeekerGrain.IdRule));
                continue;
            }
            work.Add((i, id, registration, idCard));
        }
        return work;
    }

    // A record this call found stored (not created) at another site: refused, and counted nowhere here. Its listing in this
    // site's directory (written first) is harmless: recounts count a listed record only at the site its state names.
    private BulkResult? StoredElsewhere(bool created, string? storedSite, string id) =>
        created || storedSite is null || string.Equals(storedSite, SiteCode, StringComparison.Ordinal)
            ? null
            : BulkResult.Rejected(CommandResult.Conflict(id, "id", id,
                $"is already stored at site {storedSite} (已在其他站点登记); a record moves with its PUT endpoint", "import (批量导入)"));

    private static IdCardNumber? StoredNumber(SeekerState state) =>
        IdCardNumber.TryParse(state.Registration?.IdNumber, out var number, out _) ? number : null;

    // A record that lost its ID number: its state cleared (only if still the one written here) and its listing removed.
    private async Task ForgetSeekerAsync(string id, BulkStoredState<SeekerState> stored)
    {
        try
        {
            await _store.ClearAsync("seeker", SeekerGrainId(id), stored);
        }
        catch (InconsistentStateException)
        {
            // Changed since (its grain wrote it): no longer the import's to take back; its grain's own rules apply.
            return;
        }
        await GrainFactory.GetGrain<ISiteDirectoryGrain>(SiteCode).RemoveSeekerAsync(id);
    }

    // The state the seeker grain's first registration writes, with the outbox marked published (the aggregator gets the
    // entry from the import in one step, not as an event).
    private SeekerState NewSeekerState(SeekerRegistration registration, DateOnly today)
    {
        var stored = registration with { KeyGroups = DerivedKeyGroups.Supplied(registration.KeyGroups) };
        var state = new SeekerState
        {
            Registration = stored,
            Status = stored.Status,
            StatusSince = stored.StatusSince,
            StatusVersion = 1,
            RegisteredOn = today,
            StatusHistory = [new StatusChange(stored.Status, stored.StatusSince, StatusCauses.Registration)],
            MatchPartition = stored.Status == LabourStatus.Unemployed
                ? MatchPartitions.KeyOf(stored.Lat, stored.Lon, matching.CellDegrees)
                : null,
        };
        state.Indicators.Bump();
        state.Indicators.PublishedVersion = state.Indicators.Version;
        state.Indicators.PublishedSiteCode = SiteCode;
        return state;
    }

    // Null when granted (a first claim, or this id's own claim from an earlier try); otherwise the holder's id.
    private async Task<string?> ClaimAsync(string seekerId, IdCardNumber idCard)
    {
        var grainId = GrainFactory.GetGrain<IIdCardRegistryGrain>(idCardKeys.KeyOf(idCard)).GetGrainId();
        var claim = new IdCardRegistryState { OwnerSeekerId = seekerId, Masked = idCard.Masked };
        if (await _store.TryInsertAsync(IdCardClaims.StateName, grainId, claim))
        {
            return null;
        }
        var held = await _store.ReadAsync<IdCardRegistryState>(IdCardClaims.StateName, grainId);
        var owner = held.State.OwnerSeekerId;
        if (owner is null)
        {
            held.State = claim;
            await _store.WriteAsync(IdCardClaims.StateName, grainId, held);
            return null;
        }
        return string.Equals(owner, seekerId, StringComparison.Ordinal) ? null : owner;
    }

    // A seeker state already stored (a batch repeated after a crash) is kept; the caller completes its aggregates.
    private async Task<(bool Created, BulkStoredState<SeekerState> Stored)> WriteSeekerAsync(string id, SeekerState state)
    {
        var grainId = SeekerGrainId(id);
        var stored = new BulkStoredState<SeekerState>(state);
        if (await _store.TryInsertAsync("seeker", grainId, stored))
        {
            return (true, stored);
        }
        var held = await _store.ReadAsync<SeekerState>("seeker", grainId);
        return held.State.Registration is null ? throw new InvalidOperationException($"Seeker {id} has a cleared state row.")
            : (false, held);
    }

    private async Task UpsertSeekersAsync(List<(string Id, SeekerState State)> seekers, DateOnly today)
    {
        var byPartition = seekers.Where(s => s.State.MatchPartition is not null)
            .GroupBy(s => s.State.MatchPartition!, StringComparer.Ordinal);
        await Task.WhenAll(byPartition.Select(group => GrainFactory.GetGrain<IMatchPartitionGrain>(group.Key)
            .UpsertSeekersAsync([.. group.Select(s => MatchRecord(s.Id, s.State, today))])));
    }

    // A household written later may make the seeker zero-employment: the index learns it on the seeker's next command or
    // activation, as for a household registered through the grains.
    private static SeekerMatchRecord MatchRecord(string id, SeekerState state, DateOnly today) =>
        SeekerRecordRules.MatchRecord(id, state, zeroEmploymentHousehold: false, today);

    private Task NoteMatchSiteAsync(IEnumerable<string?> partitions) => Task.WhenAll(partitions.OfType<string>()
        .Distinct(StringComparer.Ordinal).Select(key => GrainFactory.GetGrain<IMatchPartitionGrain>(key).NoteSiteAsync(SiteCode)));

    private async Task<bool> SiteExistsAsync() => await GrainFactory.GetGrain<ISiteGrain>(SiteCode).GetAsync() is not null;

    private IBulkSiteDirectoryGrain Directory => GrainFactory.GetGrain<IBulkSiteDirectoryGrain>(SiteCode);

    private IBulkSiteIndicatorsGrain Indicators => GrainFactory.GetGrain<IBulkSiteIndicatorsGrain>(SiteCode);

    private static BulkResult[] RejectAll(int count, CommandResult reason) =>
        [.. Enumerable.Repeat(BulkResult.Rejected(reason), count)];
}
