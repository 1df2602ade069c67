using JobHome.Domain.Validation;
using Microsoft.AspNetCore.Mvc;

namespace JobHome.Silo.Api.Fairs;

/// <summary>The fair endpoints' own problems (413, 429, 409 not done), shaped like every API problem.</summary>
internal static class FairProblems
{
    /// <summary>Problem type of an upload over the limit.</summary>
    public const string TooLargeType = "https://jobhome.example/problems/too-large";

    /// <summary>Problem type of a full queue.</summary>
    public const string BusyType = "https://jobhome.example/problems/busy";

    /// <summary>413 naming the limit.</summary>
    public static IResult TooLarge(long? size, long limit) => Problem(StatusCodes.Status413PayloadTooLarge, TooLargeType,
        "The upload is too large.", new FieldError("(body)", size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            $"is larger than the fair upload limit of {limit:N0} bytes ({limit / 1024.0 / 1024.0:0.#} MiB) for both files together",
            "fair upload size limit (上传大小上限), setting JobHome:Fairs:MaxUploadBytes"));

    /// <summary>429 when the queue is full.</summary>
    public static IResult Busy(int capacity) => Problem(StatusCodes.Status429TooManyRequests, BusyType, "The fair queue is full.",
        new FieldError("(body)", string.Empty,
            $"cannot be queued: {capacity} fairs are already waiting behind the running one; try again when one has finished",
            "fair queue (招聘会排队): one fair runs at a time per silo, setting JobHome:Fairs:QueueCapacity"));

    /// <summary>409 for a download before the fair is done.</summary>
    public static IResult NotDone(string id, string state) => Problem(StatusCodes.Status409Conflict, ApiResults.ConflictType,
        "The fair has no result yet.", new FieldError("id", id, $"is {state}: its files exist once it is done",
            "fair result (招聘会匹配结果)"));

    private static IResult Problem(int status, string type, string title, FieldError error)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Type = type,
            Title = title,
            Detail = $"{error.Field}: {error.Problem} [{error.Rule}]",
        };
        problem.Extensions["errors"] = new[] { new ApiFieldError(error.Field, error.Value, error.Problem, error.Rule) };
        return TypedResults.Problem(problem);
    }
}
