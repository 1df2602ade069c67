using System.Text.Json;
using System.Text.RegularExpressions;
using JobHome.Domain.Validation;

namespace JobHome.Silo.Api;

/// <summary>
/// Turns the binder's failures (malformed JSON, a value of the wrong type, a missing body) into 400 problem details
/// naming the field, instead of an empty 400 or a 500. Needs <c>RouteHandlerOptions.ThrowOnBadRequest</c>.
/// </summary>
internal sealed partial class MalformedRequestMiddleware(RequestDelegate next, ILogger<MalformedRequestMiddleware> logger)
{
    /// <summary>Runs the rest of the pipeline and answers a binding failure.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var error = Describe(e);
            // The field name only: the exception text may quote what was sent (personal data).
            LogMalformed(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, error.Field);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ApiResults.Invalid([error]).ExecuteAsync(context);
        }
    }

    private static FieldError Describe(BadHttpRequestException e)
    {
        if (e.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            return json.Path is null or "$"
                ? new FieldError("(body)", string.Empty, "is not valid JSON", "request body (请求体): one JSON object")
                : new FieldError(field, string.Empty,
                    "is not valid JSON here, or has the wrong type or format (dates are YYYY-MM-DD, lists are arrays)",
                    "request JSON (请求字段类型)");
        }
        if (e.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return new FieldError("(body)", string.Empty, "is missing or not JSON (Content-Type: application/json)",
                "request body (请求体)");
        }
        // The binder's message reads 'Failed to bind parameter "int? page" from "…"': keep the name, drop the value.
        var match = BindFailure().Match(e.Message);
        return new FieldError(match.Success ? match.Groups["name"].Value : "(query)", string.Empty,
            "has a value of the wrong type (whole numbers, dates YYYY-MM-DD)", "query parameters (查询参数)");
    }

    [GeneratedRegex("parameter \"[^\"]*?(?<name>[A-Za-z0-9_]+)\" from", RegexOptions.CultureInvariant)]
    private static partial Regex BindFailure();

    /// <summary><c>$.memberIds[2]</c> → <c>memberIds[2]</c>; <c>$['birthDate']</c> → <c>birthDate</c>.</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "(body)";
        }
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Replace("['", string.Empty, StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a malformed {Method} {Path} request (field {Field})")]
    private static partial void LogMalformed(ILogger logger, string method, string path, string field);
}
