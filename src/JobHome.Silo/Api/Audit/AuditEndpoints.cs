using System.Globalization;
using JobHome.Grains.People;
using JobHome.Silo.Security;
using JobHome.Silo.Security.Audit;

namespace JobHome.Silo.Api.Audit;

/// <summary><c>GET /api/audit</c> (auditor, admin) and the audited reveal <c>POST /api/seekers/{id}/reveal</c>.</summary>
internal static class AuditEndpoints
{
    /// <summary>Most records one read returns.</summary>
    public const int MaxLimit = 10_000;

    private const int MinReasonLength = 4;

    /// <summary>Maps the endpoints onto <paramref name="api"/>.</summary>
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ReadAsync).WithTags("Audit")
            .WithSummary("Audit records of a subtree (auditor, admin), oldest first; from/to are ISO 8601 instants.")
            .Produces<AuditRecordResponse[]>();
        api.MapPost("/seekers/{id}/reveal", RevealAsync).WithTags("Audit")
            .WithSummary("Reveals a seeker's full ID number and phone for a recorded reason (site and township operators).")
            .Produces<RevealResponse>();
    }

    private static async Task<IResult> ReadAsync(string? siteCode, string? from, string? to, int? limit, HttpContext context, IAuditLog log,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User)!;
        var checks = new FieldChecks();
        var fromTime = Instant(checks, "from", from);
        var toTime = Instant(checks, "to", to);
        var take = limit ?? 1000;
        if (take is < 1 or > MaxLimit)
        {
            checks.Add("limit", take.ToString(CultureInfo.InvariantCulture), $"must be 1–{MaxLimit}", "paging (分页)");
        }
        if (!checks.IsValid)
        {
            return ApiResults.Invalid(checks.Errors);
        }
        // The access layer has checked siteCode lies in the caller's subtree; without it, the caller's own subtree.
        var root = string.IsNullOrWhiteSpace(siteCode) ? (caller.IsNetworkWide ? null : caller.SiteCode) : siteCode;
        var records = await log.ReadAsync(root, fromTime, toTime, take, cancellationToken);
        return TypedResults.Ok(new { siteCode = root, items = records.Select(AuditRecordResponse.From).ToArray() });
    }

    private static async Task<IResult> RevealAsync(string id, RevealRequest request, HttpContext context, IGrainFactory grains, AuditWriter audit)
    {
        var caller = Caller.From(context.User)!;
        var reason = request.Reason?.Trim();
        if (reason is null || reason.Length < MinReasonLength)
        {
            return ApiResults.Invalid([new Domain.Validation.FieldError("reason", string.Empty,
                $"is required (at least {MinReasonLength} characters)", "reveal (查看完整身份证号) needs a recorded reason")]);
        }
        var seeker = await grains.GetGrain<ISeekerGrain>(id).GetAsync();
        if (seeker is null)
        {
            return ApiResults.NotFound("id", id);
        }
        AuditRecord record;
        try
        {
            // Audited first: no record, no reveal.
            record = await audit.AppendAsync(caller, AuditWriter.Address(context), "POST /api/seekers/{id}/reveal", id, seeker.SiteCode,
                reason, StatusCodes.Status200OK, context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The audit log is not available.",
                detail: "reveal: refused because the audit record could not be written [audit (审计)]");
        }
        var data = await grains.GetGrain<ISeekerPersonalDataGrain>(id).RevealAsync();
        if (data is null)
        {
            return ApiResults.NotFound("id", id);
        }
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new RevealResponse(data.SeekerId, data.IdNumber, data.Phone, record.Id));
    }

    private static DateTimeOffset? Instant(FieldChecks checks, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }
        checks.Add(field, string.Empty, "is not a date or instant (2026-11-29 or 2026-11-29T08:00:00Z)",
            "audit period (审计期间)");
        return null;
    }
}
