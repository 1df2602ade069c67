using System.Text;
using System.Text.Json;

namespace JobHome.Cli.Http;

/// <summary>Turns an error body into one readable line: problem details (RFC 7807) with JobHome's <c>errors</c> list, or the text.</summary>
internal static class ProblemText
{
    /// <summary>Most field errors quoted in one message.</summary>
    public const int MaxErrors = 10;

    /// <summary>
    /// <c>title: field "value": problem [rule]; …</c> for problem details; otherwise the body cut to 300 characters,
    /// or "(empty body)".
    /// </summary>
    public static string Describe(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "(empty body)";
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("title", out _) || root.TryGetProperty("errors", out _)))
            {
                return FromProblem(root);
            }
        }
        catch (JsonException)
        {
            // Not JSON: quote the text.
        }
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    private static string FromProblem(JsonElement root)
    {
        var text = new StringBuilder(String(root, "title") ?? "error");
        var hasErrors = root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0;
        if (!hasErrors && String(root, "detail") is { Length: > 0 } detail)
        {
            text.Append(' ').Append(detail);
        }
        if (String(root, "conflictingId") is { Length: > 0 } conflicting)
        {
            text.Append(" (conflicting record ").Append(conflicting).Append(')');
        }
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            var count = 0;
            foreach (var error in errors.EnumerateArray())
            {
                if (count++ == MaxErrors)
                {
                    text.Append("; … and ").Append(errors.GetArrayLength() - MaxErrors).Append(" more");
                    break;
                }
                text.Append(count == 1 ? ": " : "; ").Append(FieldError(error));
            }
        }
        return text.ToString();
    }

    /// <summary>One field error of a problem: <c>field "value": problem [rule]</c>.</summary>
    public static string FieldError(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return error.ToString();
        }
        var text = new StringBuilder(String(error, "field") ?? "(field)");
        if (String(error, "value") is { } value)
        {
            text.Append(" \"").Append(value).Append('"');
        }
        text.Append(": ").Append(String(error, "problem") ?? "invalid");
        if (String(error, "rule") is { Length: > 0 } rule)
        {
            text.Append(" [").Append(rule).Append(']');
        }
        return text.ToString();
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
