using System.Text.Json;
using JobHome.Domain.Validation;
using JobHome.Fair;
using JobHome.Grains;
using JobHome.Grains.Sites;
using JobHome.Grains.Time;
using JobHome.Matching.Assignment;
using Microsoft.AspNetCore.Http.Features;

namespace JobHome.Silo.Api.Fairs;

/// <summary>
/// <c>/api/fairs</c>: recruitment fairs (周期性招聘会) run in the silo as background jobs with the CLI's pipeline; the
/// result is offers, not placements (staff confirm each placement).
/// </summary>
internal static class FairEndpoints
{
    private const string Rule = "fair settings (招聘会匹配设置), as `jobhome fair match`";

    /// <summary>Registers the job queue and its options (section <c>JobHome:Fairs</c>).</summary>
    public static void AddJobHomeFairs(this IServiceCollection services)
    {
        services.AddOptions<FairJobOptions>().BindConfiguration("JobHome:Fairs");
        services.AddSingleton<FairJobQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<FairJobQueue>());
    }

    /// <summary>Maps the fair endpoints onto <paramref name="api"/>.</summary>
    public static void MapFairEndpoints(this RouteGroupBuilder api)
    {
        var fairs = api.MapGroup("/fairs").WithTags("Fairs");
        fairs.MapPost("/", SubmitAsync)
            .WithSummary("Queues a fair: multipart/form-data with files seekers and posts (fair CSV formats) and fields objective "
                + "and mode, or JSON {siteCode, objective, mode} for the registered unemployed seekers and open posts of a subtree.")
            .Accepts<FairRegisteredRequest>("application/json", "multipart/form-data")
            .Produces<FairSubmittedResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery();
        fairs.MapGet("/{id}", GetAsync).WithSummary("A fair's state, phase, progress and, once done, its summary.")
            .Produces<FairStatusResponse>();
        fairs.MapGet("/{id}/assignment.csv", (string id, FairJobQueue queue) => Download(queue, id, "assignment"))
            .WithSummary("The offers: seeker_id,post_id,score (409 until done).").Produces(StatusCodes.Status200OK, contentType: "text/csv");
        fairs.MapGet("/{id}/recommendations.csv", (string id, FairJobQueue queue) => Download(queue, id, "recommendations"))
            .WithSummary("Top posts per seeker with their factors (409 until done).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
    }

    private static IResult GetAsync(string id, FairJobQueue queue) =>
        queue.Find(id) is { } job ? TypedResults.Ok(job.Status()) : ApiResults.NotFound("id", id);

    private static IResult Download(FairJobQueue queue, string id, string part)
    {
        if (queue.Find(id) is not { } job)
        {
            return ApiResults.NotFound("id", id);
        }
        if (!job.IsDone)
        {
            return FairProblems.NotDone(id, job.Status().State);
        }
        var path = part == "assignment" ? job.AssignmentPath : job.RecommendationsPath;
        return TypedResults.PhysicalFile(path, "text/csv; charset=utf-8", $"fair-{id}-{part}.csv");
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, FairJobQueue queue, IGrainFactory grains, ServerClock clock,
        CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.HasFormContentType)
        {
            return await SubmitUploadAsync(http, queue, clock, cancellationToken);
        }
        if (request.HasJsonContentType())
        {
            FairRegisteredRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<FairRegisteredRequest>(cancellationToken);
            }
            catch (JsonException)
            {
                return ApiResults.Invalid([new FieldError("(body)", string.Empty, "is not valid JSON", Rule)]);
            }
            return await SubmitRegisteredAsync(body ?? new FairRegisteredRequest(null, null, null), queue, grains, clock);
        }
        return ApiResults.Invalid([new FieldError("(body)", request.ContentType ?? string.Empty,
            "must be multipart/form-data (files seekers and posts) or application/json ({siteCode, objective, mode})", Rule)]);
    }

    private static async Task<IResult> SubmitRegisteredAsync(FairRegisteredRequest body, FairJobQueue queue, IGrainFactory grains,
        ServerClock clock)
    {
        var errors = new List<FieldError>();
        var settings = Settings(body.Objective, body.Mode, clock, errors);
        if (string.IsNullOrWhiteSpace(body.SiteCode))
        {
            errors.Add(new FieldError("siteCode", string.Empty, "is required: the site whose subtree's records are matched", Rule));
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        if (await grains.GetGrain<ISiteGrain>(body.SiteCode!).GetAsync() is null)
        {
            return ApiResults.NotFound("siteCode", body.SiteCode!);
        }
        return await Queue(queue, clock, settings, body.Objective, body.Mode, body.SiteCode, _ => Task.CompletedTask);
    }

    private static async Task<IResult> SubmitUploadAsync(HttpContext http, FairJobQueue queue, ServerClock clock,
        CancellationToken cancellationToken)
    {
        var limit = queue.Options.MaxUploadBytes;
        if (http.Request.ContentLength > limit)
        {
            return FairProblems.TooLarge(http.Request.ContentLength, limit);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return FairProblems.TooLarge(http.Request.ContentLength, limit);
        }
        catch (InvalidDataException)
        {
            // The multipart reader's length limit.
            return FairProblems.TooLarge(http.Request.ContentLength, limit);
        }
        var errors = new List<FieldError>();
        var objective = form["objective"].ToString();
        var mode = form["mode"].ToString();
        var settings = Settings(objective, mode, clock, errors);
        var seekers = RequiredFile(form, "seekers", errors);
        var posts = RequiredFile(form, "posts", errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        return await Queue(queue, clock, settings, objective, mode, null, async folder =>
        {
            await SaveAsync(seekers!, Path.Combine(folder, "seekers.csv"), cancellationToken);
            await SaveAsync(posts!, Path.Combine(folder, "posts.csv"), cancellationToken);
        });
    }

    private static async Task<IResult> Queue(FairJobQueue queue, ServerClock clock, FairSettings settings, string? objective,
        string? mode, string? siteCode, Func<string, Task> prepare)
    {
        var id = RecordIds.New("fr", clock.Time);
        var folder = queue.NewFolder(id);
        await prepare(folder);
        var job = new FairJob(id, folder, settings, Token(settings.Objective), Token(settings.Mode), siteCode);
        if (!queue.TrySubmit(job))
        {
            FairJobQueue.Discard(folder);
            return FairProblems.Busy(queue.Options.QueueCapacity);
        }
        var statusUrl = $"/api/fairs/{id}";
        return TypedResults.Accepted(statusUrl, new FairSubmittedResponse(id, statusUrl));
    }

    private static FairSettings Settings(string? objective, string? mode, ServerClock clock, List<FieldError> errors)
    {
        var goal = objective switch
        {
            null or "" or "score" or "total" => FairObjective.Score,
            "placements" or "fair" => FairObjective.Placements,
            _ => Bad(errors, "objective", objective, "must be score (alias total: maximise the total score) or placements "
                + "(alias fair: place as many as possible, then score)", FairObjective.Score),
        };
        var how = mode switch
        {
            null or "" or "optimal" => FairMode.Optimal,
            "stable" => FairMode.Stable,
            _ => Bad(errors, "mode", mode, "must be optimal or stable", FairMode.Optimal),
        };
        // The CLI's defaults: 50 candidate posts per seeker, 15 km commuting limit, ages on today.
        return new FairSettings(goal, how, 50, 15.0, clock.Today);
    }

    private static T Bad<T>(List<FieldError> errors, string field, string value, string problem, T fallback)
    {
        errors.Add(new FieldError(field, value, problem, Rule));
        return fallback;
    }

    private static IFormFile? RequiredFile(IFormCollection form, string name, List<FieldError> errors)
    {
        var file = form.Files.GetFile(name);
        if (file is null)
        {
            errors.Add(new FieldError(name, string.Empty, $"is required: the {name} CSV file (docs/formats.md)", Rule));
        }
        else if (file.Length == 0)
        {
            errors.Add(new FieldError(name, file.FileName, "is empty", Rule));
        }
        return file;
    }

    private static async Task SaveAsync(IFormFile file, string path, CancellationToken cancellationToken)
    {
        await using var target = File.Create(path);
        await file.CopyToAsync(target, cancellationToken);
    }

    private static string Token(FairObjective objective) => objective == FairObjective.Placements ? "placements" : "score";

    private static string Token(FairMode mode) => mode == FairMode.Stable ? "stable" : "optimal";
}
