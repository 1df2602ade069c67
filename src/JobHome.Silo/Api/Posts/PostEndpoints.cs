using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Validation;
using JobHome.Grains;
using JobHome.Grains.Posts;
using JobHome.Grains.Time;

namespace JobHome.Silo.Api.Posts;

/// <summary><c>/api/posts</c>: open, correct, close and read posts.</summary>
internal static class PostEndpoints
{
    /// <summary>Maps the post endpoints onto <paramref name="api"/>.</summary>
    public static void MapPostEndpoints(this RouteGroupBuilder api)
    {
        var posts = api.MapGroup("/posts").WithTags("Posts");
        posts.MapPost("/", OpenAsync).WithSummary("Opens a post (岗位); 201 with the system-assigned id.")
            .Produces<PostResponse>(StatusCodes.Status201Created);
        posts.MapPut("/{id}", CorrectAsync).WithSummary("Corrects a post (openings never below those taken).").Produces<PostResponse>();
        posts.MapPost("/{id}/close", CloseAsync).WithSummary("Closes a post (idempotent).").Produces<PostResponse>();
        posts.MapGet("/{id}", GetAsync).WithSummary("A post with its openings taken.").Produces<PostResponse>();
        // Candidates (GET /api/posts/{id}/candidates) are mapped by MatchingEndpoints.
    }

    private static async Task<IResult> OpenAsync(PostRequest request, IGrainFactory grains, ServerClock clock)
    {
        var checks = new FieldChecks();
        var profile = Read(request, checks);
        if (!checks.IsValid)
        {
            checks.MergeDomain(DomainValidation(profile));
            return ApiResults.Invalid(checks.Errors);
        }
        var id = RecordIds.New(RecordIds.Post, clock.Time);
        var answer = await grains.Reference<IPostGrain>(id).OpenAndGetAsync(profile);
        if (!answer.Result.Succeeded)
        {
            return ApiResults.From(answer.Result, _ => TypedResults.Ok());
        }
        return TypedResults.Created($"/api/posts/{id}", PostResponse.From(answer.View!));
    }

    private static async Task<IResult> CorrectAsync(string id, PostRequest request, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IPostGrain>(id);
        if (await grain.GetAsync() is null)
        {
            return ApiResults.NotFound("id", id);
        }
        var checks = new FieldChecks();
        var profile = Read(request, checks);
        if (!checks.IsValid)
        {
            checks.MergeDomain(DomainValidation(profile));
            return ApiResults.Invalid(checks.Errors);
        }
        var result = await grain.OpenAsync(profile);
        return result.Succeeded
            ? TypedResults.Ok(PostResponse.From((await grain.GetAsync())!))
            : ApiResults.From(result, _ => TypedResults.Ok());
    }

    private static async Task<IResult> CloseAsync(string id, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IPostGrain>(id);
        if (await grain.GetAsync() is null)
        {
            return ApiResults.NotFound("id", id);
        }
        var result = await grain.CloseAsync();
        return result.Succeeded
            ? TypedResults.Ok(PostResponse.From((await grain.GetAsync())!))
            : ApiResults.From(result, _ => TypedResults.Ok());
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains)
    {
        var view = await grains.GetGrain<IPostGrain>(id).GetAsync();
        return view is null ? ApiResults.NotFound("id", id) : TypedResults.Ok(PostResponse.From(view));
    }

    /// <summary>The Domain's checks of the fields that could be read (the grain runs the same ones before any write).</summary>
    private static ValidationResult DomainValidation(PostProfile p)
    {
        OccupationCode.TryParse(p.Occupation, out var occupation, out _);
        var post = new Post
        {
            Id = "pending",
            EmployerId = p.EmployerCode,
            Title = p.Title,
            Occupation = occupation,
            Openings = p.Openings,
            PayMin = p.PayMin,
            PayMax = p.PayMax,
            Location = new GeoPoint(p.Lat, p.Lon),
            Kind = p.Kind,
            MinEducation = p.MinEducation,
            AgeMin = p.AgeMin,
            AgeMax = p.AgeMax,
            RequiredSkills = p.Skills,
        };
        return post.Validate();
    }

    internal static PostProfile Read(PostRequest r, FieldChecks checks)
    {
        const string PostRule = "post (岗位)";
        var siteCode = checks.Text("siteCode", r.SiteCode, "site code (网点编码)");
        var employerCode = checks.Text("employerCode", r.EmployerCode, "unified social credit code (统一社会信用代码)");
        var title = checks.Text("title", r.Title, PostRule);
        var occupation = checks.Text("occupation", r.Occupation, "occupation (职业)");
        var openings = checks.Required("openings", r.Openings, "openings (招聘人数)");
        var payMin = checks.Required("payMin", r.PayMin, "offered pay (月薪)");
        var payMax = checks.Required("payMax", r.PayMax, "offered pay (月薪)");
        var lat = checks.Required("lat", r.Lat, "workplace (工作地点)");
        var lon = checks.Required("lon", r.Lon, "workplace (工作地点)");
        var kind = checks.WorkKindOf("kind", r.Kind);
        var minEducation = checks.EducationOf("minEducation", r.MinEducation, EducationLevel.None);
        return new PostProfile(siteCode, employerCode, title, occupation, openings, payMin, payMax, lat, lon, kind)
        {
            MinEducation = minEducation,
            AgeMin = r.AgeMin,
            AgeMax = r.AgeMax,
            Skills = r.Skills ?? [],
        };
    }
}
