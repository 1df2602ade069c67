using JobHome.Domain.Geography;
using JobHome.Domain.People;
using JobHome.Domain.Validation;
using JobHome.Grains;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.People;
using JobHome.Grains.Time;
using JobHome.Silo.Api.Common;

namespace JobHome.Silo.Api.Seekers;

/// <summary><c>/api/seekers</c>: real-name registration, corrections and moves, reads (masked), search and follow-ups.</summary>
internal static class SeekerEndpoints
{
    /// <summary>Hits per search page.</summary>
    public const int PageSize = 20;

    /// <summary>Maps the seeker endpoints onto <paramref name="api"/>.</summary>
    public static void MapSeekerEndpoints(this RouteGroupBuilder api)
    {
        var seekers = api.MapGroup("/seekers").WithTags("Seekers");
        seekers.MapPost("/", RegisterAsync).WithSummary("Registers a job seeker (实名登记); 201 with the system-assigned id.")
            .Produces<SeekerResponse>(StatusCodes.Status201Created);
        seekers.MapPut("/{id}", CorrectAsync).WithSummary("Corrects a registration or moves the seeker to another site.")
            .Produces<SeekerResponse>();
        seekers.MapDelete("/{id}", DeregisterAsync)
            .WithSummary("Deregisters a seeker (注销登记) from a date (default today); the record is kept as history.")
            .Produces<SeekerResponse>();
        seekers.MapGet("/{id}", GetAsync).WithSummary("A seeker, ID number and phone masked.").Produces<SeekerResponse>();
        seekers.MapGet("/", SearchByNameAsync).WithSummary("Seekers of a site's subtree whose name contains q, paged (20 a page).")
            .Produces<SeekerSearchPage>();
        seekers.MapPost("/search", SearchAsync)
            .WithSummary("Search by name fragment or exact ID number within a subtree; the body keeps the ID number out of URLs.")
            .Produces<SeekerSearchPage>();
        seekers.MapPost("/{id}/followups", AddFollowUpAsync).WithSummary("Adds a one-to-one follow-up record (一对一帮扶).")
            .Produces<FollowUpResponse>(StatusCodes.Status201Created);
        // Recommendations (GET /api/seekers/{id}/recommendations) are mapped by MatchingEndpoints.
    }

    private static async Task<IResult> RegisterAsync(SeekerRequest request, IGrainFactory grains, ServerClock clock)
    {
        var checks = new FieldChecks();
        var registration = Read(request, checks);
        if (!checks.IsValid)
        {
            checks.MergeDomain(DomainValidation(registration, clock.Today));
            return ApiResults.Invalid(checks.Errors);
        }
        var id = RecordIds.New(RecordIds.Seeker, clock.Time);
        // One call: the registration and the stored seeker (the grain listed it in its site's directory before its write).
        var answer = await grains.Reference<ISeekerGrain>(id).RegisterAndGetAsync(registration);
        if (!answer.Result.Succeeded)
        {
            return ApiResults.From(answer.Result, _ => TypedResults.Ok());
        }
        return TypedResults.Created($"/api/seekers/{id}", SeekerResponse.From(answer.View!));
    }

    private static async Task<IResult> CorrectAsync(string id, SeekerRequest request, IGrainFactory grains, ServerClock clock)
    {
        var grain = grains.GetGrain<ISeekerGrain>(id);
        var before = await grain.GetAsync();
        if (before is null)
        {
            return ApiResults.NotFound("id", id);
        }
        var checks = new FieldChecks();
        var registration = Read(request, checks);
        if (!checks.IsValid)
        {
            checks.MergeDomain(DomainValidation(registration, clock.Today));
            return ApiResults.Invalid(checks.Errors);
        }
        var result = await grain.RegisterAsync(registration);
        if (!result.Succeeded)
        {
            return ApiResults.From(result, _ => TypedResults.Ok());
        }
        // The directory follows the record: add at the new site first, so a failure in between leaves the seeker findable.
        await grains.GetGrain<ISiteDirectoryGrain>(registration.SiteCode).PutSeekerAsync(id, registration.Name);
        if (!string.Equals(before.SiteCode, registration.SiteCode, StringComparison.Ordinal))
        {
            await grains.GetGrain<ISiteDirectoryGrain>(before.SiteCode).RemoveSeekerAsync(id);
        }
        var view = await grain.GetAsync();
        return TypedResults.Ok(SeekerResponse.From(view!));
    }

    private static async Task<IResult> DeregisterAsync(string id, DateOnly? date, string? reason, IGrainFactory grains, ServerClock clock)
    {
        var checks = new FieldChecks();
        if (reason is not (null or "moved_away" or "retired" or "deceased" or "duplicate" or "other"))
        {
            checks.Add("reason", reason, "must be moved_away, retired, deceased, duplicate or other", "deregistration (注销登记)");
            return ApiResults.Invalid(checks.Errors);
        }
        var grain = grains.GetGrain<ISeekerGrain>(id);
        var result = await grain.DeregisterAsync(date ?? clock.Today, reason ?? "other");
        if (result.Outcome == CommandOutcome.NotFound)
        {
            return ApiResults.NotFound("id", id);
        }
        return result.Succeeded
            ? TypedResults.Ok(SeekerResponse.From((await grain.GetAsync())!))
            : ApiResults.From(result, _ => TypedResults.Ok());
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains)
    {
        var view = await grains.GetGrain<ISeekerGrain>(id).GetAsync();
        return view is null ? ApiResults.NotFound("id", id) : TypedResults.Ok(SeekerResponse.From(view));
    }

    private static Task<IResult> SearchByNameAsync(string? siteCode, string? q, int? page, IGrainFactory grains, IdCardKeys keys,
        CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        if (q is not null && IdCardNumber.TryParse(q, out _, out _))
        {
            // Never look up personal data that came in a URL: the caller must use POST /api/seekers/search.
            checks.Add("q", Masking.IdCard(q), "is an ID number: search by ID number with POST /api/seekers/search",
                "personal data (个人信息) never travels in URLs");
            return Task.FromResult(ApiResults.Invalid(checks.Errors));
        }
        return SearchAsync(new SeekerSearchRequest(siteCode, q, page), grains, keys, cancellationToken);
    }

    private static async Task<IResult> SearchAsync(SeekerSearchRequest request, IGrainFactory grains, IdCardKeys keys,
        CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        var siteCode = checks.Text("siteCode", request.SiteCode, "site code (网点编码)");
        var page = request.Page ?? 1;
        if (page < 1)
        {
            checks.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be at least 1", "paging (分页)");
        }
        if (!checks.IsValid)
        {
            return ApiResults.Invalid(checks.Errors);
        }
        var codes = await SubtreeWalker.CodesAsync(grains, siteCode, cancellationToken);
        if (codes is null)
        {
            return ApiResults.NotFound("siteCode", siteCode);
        }
        var query = request.Q?.Trim() ?? string.Empty;
        string[] ids;
        if (IdCardNumber.TryParse(query, out var number, out _) && number is not null)
        {
            var owner = await grains.GetGrain<IIdCardRegistryGrain>(keys.KeyOf(number)).GetOwnerAsync();
            ids = owner is null ? [] : [owner];
        }
        else
        {
            var perSite = await Task.WhenAll(codes.Select(code => grains.GetGrain<ISiteDirectoryGrain>(code).FindSeekersAsync(query)));
            ids = [.. perSite.SelectMany(found => found).Order(StringComparer.Ordinal)];
        }
        var inSubtree = codes.ToHashSet(StringComparer.Ordinal);
        var views = (await Task.WhenAll(ids.Select(id => grains.GetGrain<ISeekerGrain>(id).GetAsync())))
            .OfType<SeekerView>()
            .Where(view => inSubtree.Contains(view.SiteCode))
            .ToArray();
        var items = views.Skip((page - 1) * PageSize).Take(PageSize)
            .Select(v => new SeekerSummary(v.Id, v.SiteCode, v.Name, v.IdNumberMasked, ApiTokens.Of(v.Status), v.StatusSince))
            .ToArray();
        return TypedResults.Ok(new SeekerSearchPage(siteCode, page, PageSize, views.Length, items));
    }

    private static async Task<IResult> AddFollowUpAsync(string id, FollowUpRequest request, IGrainFactory grains)
    {
        var checks = new FieldChecks();
        var date = checks.Required("date", request.Date, "one-to-one assistance record (一对一帮扶记录)");
        if (!checks.IsValid)
        {
            return ApiResults.Invalid(checks.Errors);
        }
        var followUp = new FollowUp(date, request.Kind ?? string.Empty, request.Note ?? string.Empty,
            string.IsNullOrWhiteSpace(request.By) ? "staff" : request.By);
        var result = await grains.GetGrain<ISeekerGrain>(id).AddFollowUpAsync(followUp);
        return result.Outcome == CommandOutcome.NotFound
            ? ApiResults.NotFound("id", id)
            : ApiResults.From(result, _ => TypedResults.Created($"/api/seekers/{id}",
                new FollowUpResponse(followUp.Date, followUp.Kind, followUp.Note, followUp.By)));
    }

    /// <summary>The Domain's checks of the fields that could be read (the grain runs the same ones before any write).</summary>
    private static ValidationResult DomainValidation(SeekerRegistration r, DateOnly today)
    {
        IdCardNumber.TryParse(r.IdNumber, out var idCard, out var idError);
        // Occupations are checked by the grain (with their index in the field name); the rest here, before any call.
        var seeker = r.ToDomain("pending", idCard, []);
        var result = seeker.Validate(today);
        if (idError is not null && r.IdNumber.Length > 0)
        {
            result.Add(idError with { Value = Masking.IdCard(r.IdNumber) });
        }
        return result;
    }

    internal static SeekerRegistration Read(SeekerRequest r, FieldChecks checks)
    {
        const string RealName = "real-name registration (实名登记)";
        var siteCode = checks.Text("siteCode", r.SiteCode, "site code (网点编码)");
        var name = checks.Text("name", r.Name, RealName);
        var idNumber = checks.Text("idNumber", r.IdNumber, "ID-card number (身份证号码)");
        var birthDate = checks.Required("birthDate", r.BirthDate, "date of birth (出生日期)");
        var gender = checks.GenderOf("gender", r.Gender);
        var education = checks.EducationOf("education", r.Education);
        var status = checks.StatusOf("status", r.Status);
        var statusSince = checks.Required("statusSince", r.StatusSince, "labour status date (状态起始日期)");
        var availability = checks.WorkKindsOf("availability", r.Availability);
        var keyGroups = checks.KeyGroupsOf("keyGroups", r.KeyGroups);
        return new SeekerRegistration(siteCode, name, idNumber, birthDate, gender, education, status, statusSince)
        {
            Phone = string.IsNullOrWhiteSpace(r.Phone) ? null : r.Phone,
            Occupations = r.Occupations ?? [],
            Skills = r.Skills ?? [],
            ExpectedPayMin = r.ExpectedPayMin ?? 0m,
            Lat = checks.Required("lat", r.Lat, "home location (居住地)"),
            Lon = checks.Required("lon", r.Lon, "home location (居住地)"),
            Rural = r.Rural ?? false,
            Availability = availability,
            KeyGroups = keyGroups,
        };
    }
}
