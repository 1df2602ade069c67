using JobHome.Silo.Api.Employers;
using JobHome.Silo.Api.Households;
using JobHome.Silo.Api.Posts;
using JobHome.Silo.Api.Seekers;
using JobHome.Silo.Api.Sites;

namespace JobHome.Silo.Api.Import;

/// <summary>
/// <c>/api/import/*</c>: batch registration for bulk loads (<c>jobhome import</c>): up to <see cref="ImportService.MaxBatch"/>
/// records per request, one outcome per record (created, existing or rejected with field errors), never all-or-nothing.
/// </summary>
internal static class ImportEndpoints
{
    /// <summary>Maps the import endpoints onto <paramref name="api"/>.</summary>
    public static void MapImportEndpoints(this RouteGroupBuilder api)
    {
        var import = api.MapGroup("/import").WithTags("Import");
        import.MapPost("/sites", (SiteRequest?[] body, ImportService service, CancellationToken ct) =>
                Run(body, ct, service.SitesAsync))
            .WithSummary("Registers sites in order, parents first (code is the key).").Produces<ImportBatchResponse>();
        import.MapPost("/employers", (EmployerRequest?[] body, ImportService service, CancellationToken ct) =>
                Run(body, ct, service.EmployersAsync))
            .WithSummary("Registers employers (creditCode is the key).").Produces<ImportBatchResponse>();
        import.MapPost("/seekers", (ImportItem<SeekerRequest>?[] body, ImportService service, CancellationToken ct) =>
                Run(body, ct, service.SeekersAsync))
            .WithSummary("Registers seekers under the ledger's ids: [{id, record: {…as POST /api/seekers…}}].")
            .Produces<ImportBatchResponse>();
        import.MapPost("/households", (ImportItem<HouseholdRequest>?[] body, ImportService service, CancellationToken ct) =>
                Run(body, ct, service.HouseholdsAsync))
            .WithSummary("Registers households under the ledger's ids: [{id, record: {siteCode, memberIds}}].")
            .Produces<ImportBatchResponse>();
        import.MapPost("/posts", (ImportItem<PostRequest>?[] body, ImportService service, CancellationToken ct) =>
                Run(body, ct, service.PostsAsync))
            .WithSummary("Opens posts under the ledger's ids: [{id, record: {…as POST /api/posts…}}].").Produces<ImportBatchResponse>();
        var bulk = import.MapGroup("/bulk");
        bulk.MapPost("/seekers", (ImportItem<SeekerRequest>?[] body, BulkImportService service, CancellationToken ct) =>
                Run(body, ct, service.SeekersAsync))
            .WithSummary("Bulk path: seekers written per site in one step, no live work per record (same body and answer).")
            .Produces<ImportBatchResponse>();
        bulk.MapPost("/households", (ImportItem<HouseholdRequest>?[] body, BulkImportService service, CancellationToken ct) =>
                Run(body, ct, service.HouseholdsAsync))
            .WithSummary("Bulk path: households written per site in one step (same body and answer).").Produces<ImportBatchResponse>();
        bulk.MapPost("/posts", (ImportItem<PostRequest>?[] body, BulkImportService service, CancellationToken ct) =>
                Run(body, ct, service.PostsAsync))
            .WithSummary("Bulk path: posts written per site in one step, no post-list pushes (same body and answer).")
            .Produces<ImportBatchResponse>();
    }

    private static async Task<IResult> Run<T>(T[]? body, CancellationToken cancellationToken,
        Func<IReadOnlyList<T>, CancellationToken, Task<ImportBatchResponse>> import)
    {
        if (body is null || body.Length is 0 or > ImportService.MaxBatch)
        {
            return ApiResults.Invalid([new Domain.Validation.FieldError("(body)", (body?.Length ?? 0).ToString(
                System.Globalization.CultureInfo.InvariantCulture), $"must be a JSON array of 1–{ImportService.MaxBatch} records",
                "import batch (批量导入)")]);
        }
        return TypedResults.Ok(await import(body, cancellationToken));
    }
}
