using JobHome.Domain.Validation;
using JobHome.Grains;
using JobHome.Grains.Employers;
using JobHome.Grains.History;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Sites;
using JobHome.Silo.Api.Employers;
using JobHome.Silo.Api.Households;
using JobHome.Silo.Api.Posts;
using JobHome.Silo.Api.Seekers;
using JobHome.Silo.Api.Sites;

namespace JobHome.Silo.Api.Import;

/// <summary>
/// Bulk registration of sites, employers, seekers, households and posts, shared by the batch endpoints
/// (<c>POST /api/import/…</c>, what <c>jobhome import</c> calls) and the demo load on first start: one code path.
/// Each record is checked like its single-record endpoint (same field checks, the grains run the Domain rules before any
/// write) and keyed by the ledger's own id, so a record already registered is reported <c>existing</c> and left alone:
/// a batch or a whole load can be repeated after a crash without duplicates. Records of a batch run concurrently
/// (<see cref="Parallelism"/>), except sites, which go in order because a child names its parent.
/// </summary>
internal sealed class ImportService(IGrainFactory grains, ILogger<ImportService> logger)
{
    /// <summary>Most records in one batch request.</summary>
    public const int MaxBatch = 2000;

    /// <summary>Records of one batch registered at the same time.</summary>
    public const int Parallelism = 64;

    /// <summary>
    /// Registers sites, parents before children: in waves, where a wave holds the sites whose parent is outside the batch
    /// or in an earlier wave; the sites of one wave register concurrently (a province's villages are one wave).
    /// </summary>
    public async Task<ImportBatchResponse> SitesAsync(IReadOnlyList<SiteRequest?> sites, CancellationToken cancellationToken)
    {
        var items = new ImportOutcome[sites.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        foreach (var wave in Waves(sites))
        {
            await Parallel.ForEachAsync(wave, options,
                async (i, _) => items[i] = await Guarded(i, sites[i]?.Code, () => SiteAsync(i, sites[i])));
        }
        return ImportBatchResponse.Of(items);
    }

    // Wave of a site = 1 + the wave of its parent when the parent comes earlier in the batch, else 0. A parent given
    // after its child (or a repeated code) keeps the order of the request: the child waits for a later wave.
    private static IEnumerable<List<int>> Waves(IReadOnlyList<SiteRequest?> sites)
    {
        var waveOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var waves = new List<List<int>>();
        for (var i = 0; i < sites.Count; i++)
        {
            var site = sites[i];
            var wave = site?.ParentCode is { } parent && waveOf.TryGetValue(parent, out var parentWave) ? parentWave + 1 : 0;
            if (site?.Code is { } code)
            {
                // A code seen before goes after its first registration (and after anything that hangs under it).
                wave = waveOf.ContainsKey(code) ? Math.Max(wave, waves.Count) : wave;
                waveOf[code] = wave;
            }
            while (waves.Count <= wave)
            {
                waves.Add([]);
            }
            waves[wave].Add(i);
        }
        return waves;
    }

    /// <summary>Registers employers (key: the credit code).</summary>
    public Task<ImportBatchResponse> EmployersAsync(IReadOnlyList<EmployerRequest?> employers, CancellationToken cancellationToken) =>
        RunAsync(employers, r => r?.CreditCode, EmployerAsync, cancellationToken);

    /// <summary>Registers seekers under the ledger's ids (real-name: the ID number is registered once across the network).</summary>
    public Task<ImportBatchResponse> SeekersAsync(IReadOnlyList<ImportItem<SeekerRequest>?> seekers, CancellationToken cancellationToken) =>
        RunAsync(seekers, r => r?.Id, SeekerAsync, cancellationToken);

    /// <summary>Registers households (members must be registered seekers).</summary>
    public Task<ImportBatchResponse> HouseholdsAsync(IReadOnlyList<ImportItem<HouseholdRequest>?> households,
        CancellationToken cancellationToken) =>
        RunAsync(households, r => r?.Id, HouseholdAsync, cancellationToken);

    /// <summary>Opens posts under the ledger's ids (employers must be registered).</summary>
    public Task<ImportBatchResponse> PostsAsync(IReadOnlyList<ImportItem<PostRequest>?> posts, CancellationToken cancellationToken) =>
        RunAsync(posts, r => r?.Id, PostAsync, cancellationToken);

    private async Task<ImportBatchResponse> RunAsync<T>(IReadOnlyList<T> records, Func<T, string?> idOf,
        Func<int, T, Task<ImportOutcome>> one, CancellationToken cancellationToken)
    {
        var items = new ImportOutcome[records.Count];
        await Parallel.ForAsync(0, records.Count, new ParallelOptions
        {
            MaxDegreeOfParallelism = Parallelism,
            CancellationToken = cancellationToken,
        }, async (i, _) => items[i] = await Guarded(i, idOf(records[i]), () => one(i, records[i])));
        return ImportBatchResponse.Of(items);
    }

    /// <summary>A record that fails on an infrastructure error is rejected with the reason; the rest of the batch goes on.</summary>
    private async Task<ImportOutcome> Guarded(int index, string? id, Func<Task<ImportOutcome>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            ImportLog.RecordFailed(logger, index, e.GetType().Name, e.Message);
            return new ImportOutcome(index, id, ImportOutcome.Rejected,
                [new ApiFieldError("(record)", string.Empty, $"not stored, server error: {e.Message}; send it again", "import (批量导入)")]);
        }
    }

    private async Task<ImportOutcome> SiteAsync(int index, SiteRequest? request)
    {
        if (request is null)
        {
            return Missing(index, null);
        }
        var checks = new FieldChecks();
        var profile = SiteEndpoints.Read(request, checks);
        if (!checks.IsValid)
        {
            return Rejected(index, request.Code, checks.Errors);
        }
        var grain = grains.GetGrain<ISiteGrain>(profile.Code);
        if (await grain.GetAsync() is not null)
        {
            return new ImportOutcome(index, profile.Code, ImportOutcome.Existing, []);
        }
        var result = await grain.RegisterAsync(profile);
        if (!result.Succeeded)
        {
            return Rejected(index, profile.Code, result);
        }
        await grains.GetGrain<IIndicatorHistoryGrain>(profile.Code).RecordAndGetAsync();
        return new ImportOutcome(index, profile.Code, ImportOutcome.Created, []);
    }

    private async Task<ImportOutcome> EmployerAsync(int index, EmployerRequest? request)
    {
        if (request is null)
        {
            return Missing(index, null);
        }
        var checks = new FieldChecks();
        var code = checks.Text("creditCode", request.CreditCode, "unified social credit code (统一社会信用代码)");
        var name = checks.Text("name", request.Name, "employer name (单位名称)");
        var siteCode = checks.Text("siteCode", request.SiteCode, "site code (网点编码)");
        if (!checks.IsValid)
        {
            return Rejected(index, request.CreditCode, checks.Errors);
        }
        var grain = grains.GetGrain<IEmployerGrain>(code);
        if (await grain.GetAsync() is not null)
        {
            return new ImportOutcome(index, code, ImportOutcome.Existing, []);
        }
        var (lat, lon) = (request.Lat, request.Lon);
        if (lat is null || lon is null)
        {
            var site = await grains.GetGrain<ISiteGrain>(siteCode).GetAsync();
            if (site is null)
            {
                return Rejected(index, code, [new FieldError("siteCode", siteCode, "is not registered", "site code (网点编码)")]);
            }
            (lat, lon) = (lat ?? site.Profile.Lat, lon ?? site.Profile.Lon);
        }
        var result = await grain.RegisterAsync(new EmployerProfile(name, siteCode, lat.Value, lon.Value)
        {
            ContactPhone = string.IsNullOrWhiteSpace(request.ContactPhone) ? null : request.ContactPhone,
        });
        return result.Succeeded ? new ImportOutcome(index, code, ImportOutcome.Created, []) : Rejected(index, code, result);
    }

    private async Task<ImportOutcome> SeekerAsync(int index, ImportItem<SeekerRequest>? item)
    {
        if (item?.Record is null || string.IsNullOrWhiteSpace(item.Id))
        {
            return Missing(index, item?.Id);
        }
        var id = item.Id;
        var grain = grains.GetGrain<ISeekerGrain>(id);
        if (await grain.GetAsync() is { } existing)
        {
            // A crash between the registration and the directory entry is healed here (the entry is idempotent).
            await grains.GetGrain<ISiteDirectoryGrain>(existing.SiteCode).PutSeekerAsync(id, item.Record.Name ?? string.Empty);
            return new ImportOutcome(index, id, ImportOutcome.Existing, []);
        }
        var checks = new FieldChecks();
        var registration = SeekerEndpoints.Read(item.Record, checks);
        if (!checks.IsValid)
        {
            return Rejected(index, id, checks.Errors);
        }
        var result = await grain.RegisterAsync(registration);
        if (!result.Succeeded)
        {
            return Rejected(index, id, result);
        }
        await grains.GetGrain<ISiteDirectoryGrain>(registration.SiteCode).PutSeekerAsync(id, registration.Name);
        return new ImportOutcome(index, id, ImportOutcome.Created, []);
    }

    private async Task<ImportOutcome> HouseholdAsync(int index, ImportItem<HouseholdRequest>? item)
    {
        if (item?.Record is null || string.IsNullOrWhiteSpace(item.Id))
        {
            return Missing(index, item?.Id);
        }
        var id = item.Id;
        var checks = new FieldChecks();
        var siteCode = HouseholdEndpoints.Check(item.Record, checks);
        if (!checks.IsValid)
        {
            return Rejected(index, id, checks.Errors);
        }
        var grain = grains.GetGrain<IHouseholdGrain>(id);
        if (await grain.GetAsync() is not null)
        {
            await grains.GetGrain<ISiteDirectoryGrain>(siteCode).PutHouseholdAsync(id);
            return new ImportOutcome(index, id, ImportOutcome.Existing, []);
        }
        var result = await grain.RegisterAsync(new HouseholdRegistration(siteCode, item.Record.MemberIds!));
        if (!result.Succeeded)
        {
            return Rejected(index, id, result);
        }
        await grains.GetGrain<ISiteDirectoryGrain>(siteCode).PutHouseholdAsync(id);
        return new ImportOutcome(index, id, ImportOutcome.Created, []);
    }

    private async Task<ImportOutcome> PostAsync(int index, ImportItem<PostRequest>? item)
    {
        if (item?.Record is null || string.IsNullOrWhiteSpace(item.Id))
        {
            return Missing(index, item?.Id);
        }
        var id = item.Id;
        var grain = grains.GetGrain<IPostGrain>(id);
        if (await grain.GetAsync() is not null)
        {
            return new ImportOutcome(index, id, ImportOutcome.Existing, []);
        }
        var checks = new FieldChecks();
        var profile = PostEndpoints.Read(item.Record, checks);
        if (!checks.IsValid)
        {
            return Rejected(index, id, checks.Errors);
        }
        var result = await grain.OpenAsync(profile);
        return result.Succeeded ? new ImportOutcome(index, id, ImportOutcome.Created, []) : Rejected(index, id, result);
    }

    private static ImportOutcome Missing(int index, string? id) =>
        Rejected(index, id, [new FieldError(string.IsNullOrWhiteSpace(id) ? "id" : "record", id ?? string.Empty,
            "is missing: every item needs an id and a record", "import (批量导入)")]);

    private static ImportOutcome Rejected(int index, string? id, IEnumerable<FieldError> errors) =>
        new(index, id, ImportOutcome.Rejected, [.. errors.Select(ApiResults.ToApi)]);

    private static ImportOutcome Rejected(int index, string? id, CommandResult result) =>
        new(index, id, ImportOutcome.Rejected, [.. result.Errors.Select(ApiResults.ToApi)],
            result.Outcome == CommandOutcome.Conflict ? result.Id : null);
}
