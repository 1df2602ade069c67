using JobHome.Domain.Validation;
using JobHome.Silo.Api;

namespace JobHome.Silo.Security.Access;

/// <summary>The 401, 403 and 429 problem details of the security layer (same shape as the API's other problems).</summary>
internal static class Problems
{
    /// <summary>Problem type of a request without a valid sign-in.</summary>
    public const string UnauthorizedType = "https://jobhome.example/problems/unauthorized";

    /// <summary>Problem type of a request the account may not make.</summary>
    public const string ForbiddenType = "https://jobhome.example/problems/forbidden";

    /// <summary>Problem type of too many requests.</summary>
    public const string TooManyType = "https://jobhome.example/problems/too-many-requests";

    /// <summary>Answers 401.</summary>
    public static Task Unauthorized(HttpContext context) =>
        Write(context, StatusCodes.Status401Unauthorized, UnauthorizedType, "Sign-in required.",
            new FieldError("Authorization", string.Empty, "is missing, expired or not valid",
                "sign-in (登录): POST /api/auth/login or /api/auth/token"));

    /// <summary>Answers 403 with <paramref name="problem"/>.</summary>
    public static Task Forbidden(HttpContext context, string problem) =>
        Write(context, StatusCodes.Status403Forbidden, ForbiddenType, "Not allowed for this account.",
            new FieldError("(account)", string.Empty, problem, "roles and scopes (角色与管辖范围): docs/security.md"));

    /// <summary>Answers 429.</summary>
    public static Task TooMany(HttpContext context) =>
        Write(context, StatusCodes.Status429TooManyRequests, TooManyType, "Too many requests.",
            new FieldError("(client)", string.Empty, "sent too many requests; wait a minute", "rate limits (访问频率限制)"));

    /// <summary>Answers <paramref name="status"/> with one field error.</summary>
    public static Task Write(HttpContext context, int status, string type, string title, FieldError error)
    {
        context.Response.StatusCode = status;
        return Results.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Type = type,
            Title = title,
            Status = status,
            Detail = $"{error.Field}: {error.Problem} [{error.Rule}]",
            Extensions = { ["errors"] = new[] { new { field = error.Field, value = error.Value, problem = error.Problem, rule = error.Rule } } },
        }).ExecuteAsync(context);
    }
}
