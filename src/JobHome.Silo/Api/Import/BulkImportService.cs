using JobHome.Domain.Validation;
using JobHome.Grains;
using JobHome.Grains.Bulk;
using JobHome.Silo.Api.Households;
using JobHome.Silo.Api.Posts;
using JobHome.Silo.Api.Seekers;

namespace JobHome.Silo.Api.Import;

/// <summary>
/// The bulk path of <c>POST /api/import/bulk/…</c> (what <c>jobhome import</c> uses by default): each record's fields are
/// read as by its single-record endpoint, then the batch is split by site and every site's share goes to that site's
/// <see cref="IBulkSiteImportGrain"/> in one call (records written straight to storage, aggregates set once per batch;
/// see docs/cli.md). Same outcomes as the per-record path (<see cref="ImportService"/>): created, existing or rejected
/// with field errors; a batch can be sent again after a failure.
/// </summary>
internal sealed class BulkImportService(IGrainFactory grains, ILogger<BulkImportService> logger)
{
    /// <summary>Sites of one batch imported at the same time.</summary>
    public const int Parallelism = 16;

    /// <summary>Registers seekers under the ledger's ids.</summary>
    public Task<ImportBatchResponse> SeekersAsync(IReadOnlyList<ImportItem<SeekerRequest>?> items, CancellationToken cancellationToken) =>
        RunAsync(items, (item, checks) => SeekerEndpoints.Read(item, checks), r => r.SiteCode, (id, r) => new BulkSeeker(id, r),
            (grain, batch) => grain.ImportSeekersAsync(batch), cancellationToken);

    /// <summary>Registers households under the ledger's ids (members registered before).</summary>
    public Task<ImportBatchResponse> HouseholdsAsync(IReadOnlyList<ImportItem<HouseholdRequest>?> items,
        CancellationToken cancellationToken) =>
        RunAsync(items, ReadHousehold, r => r.SiteCode!, (id, r) => new BulkHousehold(id, r.MemberIds!),
            (grain, batch) => grain.ImportHouseholdsAsync(batch), cancellationToken);

    /// <summary>Opens posts under the ledger's ids (employers registered before).</summary>
    public Task<ImportBatchResponse> PostsAsync(IReadOnlyList<ImportItem<PostRequest>?> items, CancellationToken cancellationToken) =>
        RunAsync(items, (item, checks) => PostEndpoints.Read(item, checks), r => r.SiteCode, (id, r) => new BulkPost(id, r),
            (grain, batch) => grain.ImportPostsAsync(batch), cancellationToken);

    private static HouseholdRequest ReadHousehold(HouseholdRequest request, FieldChecks checks)
    {
        HouseholdEndpoints.Check(request, checks);
        return request;
    }

    private async Task<ImportBatchResponse> RunAsync<TRequest, TRecord, TBulk>(IReadOnlyList<ImportItem<TRequest>?> items,
        Func<TRequest, FieldChecks, TRecord> read, Func<TRecord, string> siteOf, Func<string, TRecord, TBulk> bulk,
        Func<IBulkSiteImportGrain, TBulk[], Task<BulkResult[]>> import, CancellationToken cancellationToken)
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
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(bySite, options,
            async (site, _) =>
            {
                try
                {
                    var results = await import(grains.GetGrain<IBulkSiteImportGrain>(site.Key), [.. site.Value.Select(r => r.Record)]);
                    for (var j = 0; j < results.Length; j++)
                    {
                        var (index, id, _) = site.Value[j];
                        outcomes[index] = ToOutcome(index, id, results[j]);
                    }
                }
                catch (Exception e) when (e is TimeoutException or OrleansException)
                {
                    ImportLog.RecordFailed(logger, site.Value[0].Index, e.GetType().Name, e.Message);
                    foreach (var (index, id, _) in site.Value)
                    {
                        outcomes[index] = Rejected(index, id, [new FieldError("(record)", string.Empty,
                            $"not stored, server error: {e.Message}; send it again", "import (批量导入)")]);
                    }
                }
            });
        return ImportBatchResponse.Of(outcomes);
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
