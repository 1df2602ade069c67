using System.Globalization;
using JobHome.Domain.Validation;
using JobHome.Grains.Time;
using JobHome.Silo.Api.Alerts;

namespace JobHome.Silo.Api.Dashboard;

/// <summary>
/// <c>GET /api/sites/{code}/export?format=csv|xlsx&amp;part=children|alerts</c>: the weekly dispatch meeting's tables as a
/// download. CSV holds one table, so it needs <c>part</c>; xlsx without <c>part</c> is one workbook with both sheets.
/// </summary>
internal static class ExportEndpoint
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Rule = "dispatch export (周调度导出)";

    /// <summary>Handles the request.</summary>
    public static async Task<IResult> GetAsync(string code, string? format, string? part, IGrainFactory grains, ServerClock clock,
        CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (format is not ("csv" or "xlsx"))
        {
            errors.Add(new FieldError("format", format ?? string.Empty, "must be csv or xlsx", Rule));
        }
        if (part is not (null or "" or "children" or "alerts"))
        {
            errors.Add(new FieldError("part", part, "must be children or alerts (or omitted for an xlsx workbook of both)", Rule));
        }
        else if (format == "csv" && string.IsNullOrEmpty(part))
        {
            errors.Add(new FieldError("part", string.Empty, "is required for csv, which holds one table: children or alerts", Rule));
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var today = clock.Today;
        var tables = new List<ExportTable>();
        if (part is null or "" or "children")
        {
            var children = await SubtreeEndpoints.ChildrenAsync(grains, code, cancellationToken);
            if (children is null)
            {
                return ApiResults.NotFound("code", code);
            }
            tables.Add(ExportTables.Children(children));
        }
        if (part is null or "" or "alerts")
        {
            var alerts = await AlertEndpoints.ReadAsync(grains, code, today, cancellationToken);
            if (alerts is null)
            {
                return ApiResults.NotFound("code", code);
            }
            tables.Add(await ExportTables.AlertsAsync(grains, alerts, cancellationToken));
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"dispatch-{code}-{today:yyyy-MM-dd}")
            + (string.IsNullOrEmpty(part) ? string.Empty : "-" + part);
        return format == "csv"
            ? TypedResults.File(ExportWriters.Csv(tables[0]), "text/csv; charset=utf-8", name + ".csv")
            : TypedResults.File(ExportWriters.Xlsx(tables), XlsxType, name + ".xlsx");
    }
}
