using System.Text;
using JobHome.Domain.People;
using JobHome.Domain.Validation;
using JobHome.Grains;
using Microsoft.AspNetCore.Mvc;

namespace JobHome.Silo.Api;

/// <summary>Turns command outcomes and field errors into responses: RFC 7807 problem details with an <c>errors</c> list.</summary>
internal static class ApiResults
{
    /// <summary>Problem type of bad input (400).</summary>
    public const string InvalidType = "https://jobhome.example/problems/invalid-input";

    /// <summary>Problem type of an unknown record (404).</summary>
    public const string NotFoundType = "https://jobhome.example/problems/not-found";

    /// <summary>Problem type of a refusal by a rule (409).</summary>
    public const string ConflictType = "https://jobhome.example/problems/conflict";

    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["id_card"] = "idNumber",
        ["employer"] = "employerCode",
        ["credit_code"] = "creditCode",
    };

    private static readonly HashSet<string> MaskedFields = new(StringComparer.Ordinal) { "idNumber", "phone", "contactPhone" };

    /// <summary>400 listing <paramref name="errors"/>.</summary>
    public static IResult Invalid(IEnumerable<FieldError> errors) =>
        Problem(StatusCodes.Status400BadRequest, InvalidType, "The request has invalid fields.", null, errors);

    /// <summary>404 for an unknown record named in the route.</summary>
    public static IResult NotFound(string field, string id) =>
        Problem(StatusCodes.Status404NotFound, NotFoundType, "No such record.", null,
            [new FieldError(field, id, "is not registered", "record id (编号)")]);

    /// <summary>
    /// The response for <paramref name="result"/>: <paramref name="success"/> when it succeeded, otherwise 400, 404 or
    /// 409 with every field error (a conflict names the record in the way in <c>conflictingId</c>).
    /// </summary>
    public static IResult From(CommandResult result, Func<string, IResult> success)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            CommandOutcome.Ok => success(result.Id ?? string.Empty),
            CommandOutcome.Invalid => Invalid(result.Errors),
            CommandOutcome.NotFound => Problem(StatusCodes.Status404NotFound, NotFoundType, "A record the request names is not registered.",
                null, result.Errors),
            _ => Problem(StatusCodes.Status409Conflict, ConflictType, "Refused by a rule of the records.", result.Id, result.Errors),
        };
    }

    /// <summary>The request-JSON name of a Domain field (<c>site_code</c> → <c>siteCode</c>, <c>id_card</c> → <c>idNumber</c>).
    /// </summary>
    public static string JsonName(string field)
    {
        if (Renamed.TryGetValue(field, out var renamed))
        {
            return renamed;
        }
        var builder = new StringBuilder(field.Length);
        var upper = false;
        foreach (var c in field)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }
            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return builder.ToString();
    }

    private static IResult Problem(int status, string type, string title, string? conflictingId, IEnumerable<FieldError> errors)
    {
        var list = errors.Select(ToApi).ToArray();
        var problem = new ProblemDetails
        {
            Status = status,
            Type = type,
            Title = title,
            Detail = string.Join("; ", list.Select(e => $"{e.Field}: {e.Problem} [{e.Rule}]")),
        };
        problem.Extensions["errors"] = list;
        if (conflictingId is not null)
        {
            problem.Extensions["conflictingId"] = conflictingId;
        }
        return TypedResults.Problem(problem);
    }

    internal static ApiFieldError ToApi(FieldError error)
    {
        var field = JsonName(error.Field);
        var value = error.Value;
        // The grains already mask personal data; masking is idempotent, so masking again here guards every path.
        if (MaskedFields.Contains(field))
        {
            value = field == "idNumber" ? Masking.IdCard(value) : Masking.Phone(value);
        }
        return new ApiFieldError(field, value, error.Problem, error.Rule);
    }
}
