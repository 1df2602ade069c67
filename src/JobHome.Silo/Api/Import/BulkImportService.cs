using JobHome.Domain.Validation;
using JobHome.Grains;
using JobHome.Grains.Bulk;
using JobHome.Silo.Api.Households;
using JobHome.Silo.Api.Posts;
using JobHome.Silo.Api.Seekers;
using Microsoft.Extensions.Options;

namespace JobHome.Silo.Api.Import;

/// <summary>
/// The bulk path of <c>POST /api/import/bulk/…</c> (what <c>jobhome import</c> uses by default): each record's fields are
/// read as by its single-record endpoint, then the batch is split by site and every site's share goes to that site's
/// <see cref="IBulkSiteImportGrain"/> in calls of at most <see cref="MaxWorkPerCall"/> units of work (records written straight
/// to storage, aggregates set once per call; see docs/cli.md), a site's calls one after another, up to
/// <see cref="BulkImportOptions.SitesInFlight"/> sites at once. Same
/// outcomes as the per-record path (<see cref="ImportService"/>): created, existing or rejected with field errors; a call
/// that fails or times out makes each of its records a reject saying so, and a batch can be sent again after a failure.
/// </summary>
public sealed class BulkImportService(IGrainFactory grains, ILogger<BulkImportService> logger,
    IOptions<BulkImportOptions>? options = null)
{
    private readonly int _sitesInFlight = Math.Max(1, options?.Value.SitesInFlight ?? new BulkImportOptions().SitesInFlight);

    /// <summary>
    /// Work in one grain call: a seeker or a post is one unit, a household one plus one per member (each member's state is
    /// read and written). Sized so that a call finishes well inside Orleans' 30 s response timeout on a loaded machine.
    /// </summary>
    public const int MaxWorkPerCall = 500;

    /// <summary>Registers seekers under the ledger's ids.</summary>
    public Task<ImportBatchResponse> SeekersAsync(IReadOnlyList<ImportItem<SeekerRequest>?> items, CancellationToken cancellationToken) =>
        RunAsync(items, (item, checks) => SeekerEndpoints.Read(item, checks), r => r.SiteCode, (id, r) => new BulkSeeker(id, r),
            _ => 1, (grain, batch) => grain.ImportSeekersAsync(batch), cancellationToken);

    /// <summary>Registers households under the ledger's ids (members registered before).</summary>
    public Task<ImportBatchResponse> HouseholdsAsync(IReadOnlyList<ImportItem<HouseholdRequest>?> items,
        CancellationToken cancellationToken) =>
        RunAsync(items, ReadHousehold, r => r.SiteCode!, (id, r) => new BulkHousehold(id, r.MemberIds!),
            h => 1 + (h.MemberIds?.Length ?? 0),
            (grain, batch) => grain.ImportHouseholdsAsync(batch), cancellationToken);

    /// <summary>Opens posts under the ledger's ids (employers registered before).</summary>
    public Task<ImportBatchResponse> PostsAsync(IReadOnlyList<ImportItem<PostRequest>?> items, CancellationToken cancellationToken) =>
        RunAsync(items, (item, checks) => (Profile: PostEndpoints.Read(item, checks), item.Opened), r => r.Profile.SiteCode,
            (id, r) => new BulkPost(id, r.Profile, r.Opened), _ => 1, (grain, batch) => grain.ImportPostsAsync(batch), cancellationToken);

    private static HouseholdRequest ReadHousehold(HouseholdRequest request, FieldChecks checks)
    {
        HouseholdEndpoints.Check(request, checks);
        return request;
    }

    private async Task<ImportBatchResponse> RunAsync<TRequest, TRecord, TBulk>(IReadOnlyList<ImportItem<TRequest>?> items,
        Func<TRequest, FieldChecks, TRecord> read, Func<TRecord, string> siteOf, Func<string, TRecord, TBulk> bulk,
        Func<TBulk, int> work, Func<IBulkSiteImportGrain, TBulk[], Task<BulkResult[]>> import, CancellationToken cancellationToken)
        where TRequest : class
    {
        var outcomes = new ImportOutcome[items.Count];
        var bySite = new Dictionary<string, List<(int Index, string Id, TBulk Record)>>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item?.Record is null || string.IsNullOrWhiteSpace(item.Id))
            {
                outcomes[i] = Rejected(i, item?.Id, [new FieldError(string.IsNullOrWhiteSpace(item?.Id) ? "id" : "record",
                    item?.Id ?? string.Empty, "is missing: every item needs an id and a record", "import (批量导入)")]);
                continue;
            }
            var checks = new FieldChecks();
            var record = read(item.Record, checks);
            if (!checks.IsValid)
            {
                outcomes[i] = Rejected(i, item.Id, checks.Errors);
                continue;
            }
            var site = siteOf(record);
            if (!bySite.TryGetValue(site, out var list))
            {
                bySite[site] = list = [];
            }
            list.Add((i, item.Id, bulk(item.Id, record)));
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = _sitesInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(bySite, options,
            async (site, _) =>
            {
                var grain = grains.GetGrain<IBulkSiteImportGrain>(site.Key);
                foreach (var call in Calls(site.Value, r => work(r.Record)))
                {
                    try
                    {
                        var results = await import(grain, [.. call.Select(r => r.Record)]);
                        for (var j = 0; j < results.Length; j++)
                        {
                            var (index, id, _) = call[j];
                            outcomes[index] = ToOutcome(index, id, results[j]);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Per record, never a silent loss: the call may have completed (a timeout says nothing about the
                        // work), so each record is a reject naming the failure, and a re-run reports those stored as existing.
                        ImportLog.RecordFailed(logger, call[0].Index, e.GetType().Name, e.Message);
                        foreach (var (index, id, _) in call)
                        {
                            outcomes[index] = Rejected(index, id, [new FieldError("(record)", string.Empty,
                                $"not confirmed: the site's import call failed ({e.GetType().Name}: {FirstSentence(e.Message)}); run "
                                + "the import again (records stored meanwhile are reported existing)", "import (批量导入)")]);
                        }
                    }
                }
            });
        return ImportBatchResponse.Of(outcomes);
    }

    // Orleans' timeout message goes on with the whole message and the activation's diagnostics: the first sentence says it.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" for message", StringComparison.Ordinal);
        end = end > 0 ? end : message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.Length > 200 ? message[..200] : message;
    }

    // A site's share cut into calls of at most MaxWorkPerCall units (a record heavier than that goes alone).
    private static IEnumerable<List<T>> Calls<T>(List<T> records, Func<T, int> work)
    {
        var call = new List<T>();
        var load = 0;
        foreach (var record in records)
        {
            var cost = work(record);
            if (call.Count > 0 && load + cost > MaxWorkPerCall)
            {
                yield return call;
                call = [];
                load = 0;
            }
            call.Add(record);
            load += cost;
        }
        if (call.Count > 0)
        {
            yield return call;
        }
    }

    private static ImportOutcome ToOutcome(int index, string id, BulkResult result) => result.Outcome switch
    {
        BulkOutcome.Created => new ImportOutcome(index, id, ImportOutcome.Created, []),
        BulkOutcome.Existing => new ImportOutcome(index, id, ImportOutcome.Existing, []),
        _ => new ImportOutcome(index, id, ImportOutcome.Rejected, [.. result.Rejection!.Errors.Select(ApiResults.ToApi)],
            result.Rejection.Outcome == CommandOutcome.Conflict ? result.Rejection.Id : null),
    };

    private static ImportOutcome Rejected(int index, string? id, IEnumerable<FieldError> errors) =>
        new(index, id, ImportOutcome.Rejected, [.. errors.Select(ApiResults.ToApi)]);
}
