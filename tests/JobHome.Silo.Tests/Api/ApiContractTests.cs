using System.Net;
using System.Text.Json.Nodes;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Api;

/// <summary>Status codes, problem details and masking of the HTTP API on a real embedded silo.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiContractTests(RunningSiloFixture fixture)
{
    private static readonly System.Globalization.CultureInfo Iso = System.Globalization.CultureInfo.InvariantCulture;

    private readonly ApiDriver _api = new(fixture.Silo.Http);

    [Fact]
    public async Task PostSite_Tree_Returns201AndChildrenListed()
    {
        var tree = await _api.CreateTreeAsync();

        var (status, body, _) = await _api.GetAsync($"/api/sites/{tree.Township}/children");

        Assert.Equal(HttpStatusCode.OK, status);
        var child = Assert.Single(body!.AsArray());
        Assert.Equal(tree.Village, child!["code"]!.GetValue<string>());
        Assert.Equal("village", child["kind"]!.GetValue<string>());
        Assert.Equal(tree.Township, child["parentCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetSite_Unknown_Returns404Problem()
    {
        var (status, body, response) = await _api.GetAsync("/api/sites/NOPE-404");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, body!["status"]!.GetValue<int>());
        Assert.Equal(["code"], ApiDriver.ErrorFields(body));
    }

    [Fact]
    public async Task PostSeeker_Valid_Returns201WithIdAndMaskedPersonalData()
    {
        var tree = await _api.CreateTreeAsync();
        var request = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today.AddDays(-10), "veteran", "unemployed");

        var (status, body, response) = await _api.PostAsync("/api/seekers", request);
        var id = body!["id"]!.GetValue<string>();
        var (getStatus, fetched, _) = await _api.GetAsync($"/api/seekers/{id}");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal($"/api/seekers/{id}", response.Headers.Location?.OriginalString);
        Assert.StartsWith("sk-", id, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, getStatus);
        var idNumber = (string)request["idNumber"]!;
        Assert.Equal(idNumber[..4] + "**********" + idNumber[^4..], fetched!["idNumberMasked"]!.GetValue<string>());
        Assert.Equal("139****" + ((string)request["phone"]!)[^4..], fetched["phoneMasked"]!.GetValue<string>());
        Assert.Equal(["veteran", "unemployed"], fetched["keyGroups"]!.AsArray().Select(g => g!.GetValue<string>()).Order().Reverse());
        Assert.Equal(["full_time", "public_welfare"], fetched["availability"]!.AsArray().Select(g => g!.GetValue<string>()));
        _api.AssertNoPersonalDataReturned();
    }

    [Fact]
    public async Task PostSeeker_ManyBadFields_Returns400ListingEveryFieldMasked()
    {
        var tree = await _api.CreateTreeAsync();
        var request = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today);
        var idNumber = (string)request["idNumber"]!;
        request["idNumber"] = idNumber[..^1] + (idNumber[^1] == '0' ? '1' : '0');
        request["gender"] = "X";
        request["availability"] = Array.Empty<string>();
        request["birthDate"] = ApiDriver.Today.AddYears(-6).ToString("yyyy-MM-dd", Iso);
        request["lat"] = 100;
        request["keyGroups"] = new[] { "astronaut" };

        var (status, body, response) = await _api.PostAsync("/api/seekers", request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, body!["status"]!.GetValue<int>());
        Assert.Equal(["availability", "birthDate", "gender", "idNumber", "keyGroups", "lat"],
            ApiDriver.ErrorFields(body).Order(StringComparer.Ordinal));
        foreach (var error in body["errors"]!.AsArray())
        {
            Assert.False(string.IsNullOrEmpty(error!["problem"]!.GetValue<string>()));
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error["rule"]!.GetValue<string>());
        }
        Assert.DoesNotContain(request["idNumber"]!.ToString()!, body.ToJsonString(), StringComparison.Ordinal);
        _api.AssertNoPersonalDataReturned();
    }

    [Theory]
    [InlineData("{\"siteCode\":\"X\",\"birthDate\":\"1990-13-45\"}", "birthDate")]
    [InlineData("{\"siteCode\":\"X\",\"lat\":\"north\"}", "lat")]
    [InlineData("{\"siteCode\":\"X\",\"occupations\":\"4-01\"}", "occupations")]
    [InlineData("{\"siteCode\":", "siteCode")]
    [InlineData("not json", "(body)")]
    public async Task PostSeeker_MalformedJson_Returns400NamingField(string json, string field)
    {
        var (status, body, _) = await _api.PostAsync("/api/seekers", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([field], ApiDriver.ErrorFields(body));
    }

    [Fact]
    public async Task SearchSeekers_PageNotANumber_Returns400NamingPage()
    {
        var tree = await _api.CreateTreeAsync();

        var (status, body, _) = await _api.GetAsync($"/api/seekers?siteCode={tree.Village}&q=x&page=first");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["page"], ApiDriver.ErrorFields(body));
    }

    [Fact]
    public async Task PostSeeker_RefusedThenValid_NothingHalfWritten()
    {
        var tree = await _api.CreateTreeAsync();
        var request = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today);
        request["name"] = "司马未写";
        var invalid = new Dictionary<string, object?>(request) { ["statusSince"] = ApiDriver.Today.AddDays(5).ToString("yyyy-MM-dd", Iso) };
        var unknownSite = new Dictionary<string, object?>(request) { ["siteCode"] = "NO-SUCH-SITE" };

        var (refused, _, _) = await _api.PostAsync("/api/seekers", invalid);
        var (missingSite, _, _) = await _api.PostAsync("/api/seekers", unknownSite);
        var (_, search, _) = await _api.PostAsync("/api/seekers/search", new { siteCode = tree.Province, q = request["idNumber"] });
        var (created, _, _) = await _api.PostAsync("/api/seekers", request);
        var (_, byName, _) = await _api.PostAsync("/api/seekers/search", new { siteCode = tree.Province, q = "司马" });

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(HttpStatusCode.NotFound, missingSite);
        Assert.Equal(0, search!["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(1, byName!["total"]!.GetValue<int>());
        _api.AssertNoPersonalDataReturned();
    }

    [Fact]
    public async Task PostSeeker_DuplicateIdNumber_Returns409NamingExistingSeeker()
    {
        var tree = await _api.CreateTreeAsync();
        var first = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today);
        var (_, created, _) = await _api.PostAsync("/api/seekers", first);
        var second = _api.SeekerBody(tree.Township, "employed", ApiDriver.Today);
        second["idNumber"] = first["idNumber"];
        // The birth date must agree with the number (two fresh numbers differ in it when the shared counter crosses a day).
        second["birthDate"] = first["birthDate"];

        var (status, body, _) = await _api.PostAsync("/api/seekers", second);

        Assert.Equal(HttpStatusCode.Conflict, status);
        var existing = created!["id"]!.GetValue<string>();
        Assert.Equal(existing, body!["conflictingId"]!.GetValue<string>());
        Assert.Equal(["idNumber"], ApiDriver.ErrorFields(body));
        Assert.Contains(existing, body["errors"]![0]!["problem"]!.GetValue<string>(), StringComparison.Ordinal);
        _api.AssertNoPersonalDataReturned();
    }

    [Fact]
    public async Task PutSeeker_MoveToTownship_SearchFindsItThereOnly()
    {
        var tree = await _api.CreateTreeAsync();
        var request = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today);
        request["name"] = "欧阳修远";
        var (_, created, _) = await _api.PostAsync("/api/seekers", request);
        var id = created!["id"]!.GetValue<string>();
        request["siteCode"] = tree.Township;

        var (status, moved, _) = await _api.SendAsync(HttpMethod.Put, $"/api/seekers/{id}", request);
        var (_, inVillage, _) = await _api.PostAsync("/api/seekers/search", new { siteCode = tree.Village, q = "欧阳" });
        var countyQuery = $"/api/seekers?siteCode={Uri.EscapeDataString(tree.County)}&q={Uri.EscapeDataString("欧阳")}";
        var (_, inCounty, _) = await _api.GetAsync(countyQuery);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(tree.Township, moved!["siteCode"]!.GetValue<string>());
        Assert.Equal(0, inVillage!["total"]!.GetValue<int>());
        Assert.Equal(1, inCounty!["total"]!.GetValue<int>());
        Assert.Equal(id, inCounty["items"]![0]!["id"]!.GetValue<string>());
        _api.AssertNoPersonalDataReturned();
    }

    [Fact]
    public async Task PutSeeker_Unknown_Returns404()
    {
        var tree = await _api.CreateTreeAsync();
        var request = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today);

        var (status, body, _) = await _api.SendAsync(HttpMethod.Put, "/api/seekers/sk-unknown", request);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["id"], ApiDriver.ErrorFields(body));
    }

    [Fact]
    public async Task DeleteSeeker_Unemployed_KeptAsHistoryOutOfIndicatorsAndNotPlaceable()
    {
        var tree = await _api.CreateTreeAsync();
        var employer = await _api.RegisterEmployerAsync(tree.County);
        var post = await _api.OpenPostAsync(tree.Village, employer, 2);
        var id = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-40));

        var (status, deleted, _) = await _api.SendAsync(HttpMethod.Delete, $"/api/seekers/{id}?reason=moved_away");
        var (again, _, _) = await _api.SendAsync(HttpMethod.Delete, $"/api/seekers/{id}?reason=moved_away");
        var (unknown, _, _) = await _api.SendAsync(HttpMethod.Delete, "/api/seekers/sk-unknown");
        var (badReason, _, _) = await _api.SendAsync(HttpMethod.Delete, $"/api/seekers/{id}?reason=vanished");
        var (_, fetched, _) = await _api.GetAsync($"/api/seekers/{id}");
        var (placed, _, _) = await _api.PostAsync("/api/placements", new { seekerId = id, postId = post, date = ApiDriver.Today });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ApiDriver.Today.ToString("yyyy-MM-dd", Iso), deleted!["deregisteredOn"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.BadRequest, badReason);
        Assert.Equal("not_in_labour_force", fetched!["status"]!.GetValue<string>());
        Assert.Equal("moved_away", fetched["deregistrationReason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, placed);
        _api.AssertNoPersonalDataReturned();
    }

    [Fact]
    public async Task SearchSeekers_ExactIdNumberInBody_FindsSeekerWithinSubtreeOnly()
    {
        var tree = await _api.CreateTreeAsync();
        var other = await _api.CreateTreeAsync();
        var request = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today);
        var (_, created, _) = await _api.PostAsync("/api/seekers", request);

        var (status, found, _) = await _api.PostAsync("/api/seekers/search", new { siteCode = tree.Province, q = request["idNumber"] });
        var (_, elsewhere, _) = await _api.PostAsync("/api/seekers/search", new { siteCode = other.Province, q = request["idNumber"] });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(created!["id"]!.GetValue<string>(), Assert.Single(found!["items"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Empty(elsewhere!["items"]!.AsArray());
        _api.AssertNoPersonalDataReturned();
    }

    [Fact]
    public async Task SearchSeekers_IdNumberInUrl_Returns400WithoutLookup()
    {
        var tree = await _api.CreateTreeAsync();
        var request = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today);
        await _api.PostAsync("/api/seekers", request);

        var (status, body, _) = await _api.GetAsync($"/api/seekers?siteCode={tree.Province}&q={request["idNumber"]}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["q"], ApiDriver.ErrorFields(body));
        _api.AssertNoPersonalDataReturned();
    }

    [Fact]
    public async Task PostFollowUp_Valid_Returns201AndSeekerListsIt()
    {
        var tree = await _api.CreateTreeAsync();
        var id = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-5));

        var (status, _, _) = await _api.PostAsync($"/api/seekers/{id}/followups",
            new { date = ApiDriver.Today.AddDays(-1), kind = "visit", note = "上门走访" });
        var (missing, _, _) = await _api.PostAsync("/api/seekers/sk-unknown/followups",
            new { date = ApiDriver.Today, kind = "visit", note = "x" });
        var (_, seeker, _) = await _api.GetAsync($"/api/seekers/{id}");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("visit", Assert.Single(seeker!["followUps"]!.AsArray())!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Posts_OpenCloseGet_StatusesAndStates()
    {
        var tree = await _api.CreateTreeAsync();
        var employer = await _api.RegisterEmployerAsync(tree.County);
        var post = await _api.OpenPostAsync(tree.Village, employer, 3);

        var (closeStatus, closed, _) = await _api.PostAsync($"/api/posts/{post}/close", null);
        var (_, fetched, _) = await _api.GetAsync($"/api/posts/{post}");
        var (unknown, _, _) = await _api.GetAsync("/api/posts/po-unknown");
        var (badStatus, bad, _) = await _api.PostAsync("/api/posts", new
        {
            siteCode = tree.Village, employerCode = employer, title = "", occupation = "9-99", openings = 0, payMin = 5000, payMax = 3000,
            lat = 25.0, lon = 114.0, kind = "sometimes",
        });

        Assert.Equal(HttpStatusCode.OK, closeStatus);
        Assert.True(closed!["closed"]!.GetValue<bool>());
        Assert.False(fetched!["open"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        var fields = ApiDriver.ErrorFields(bad);
        var notPay = fields.Where(f => !f.StartsWith("pay", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(["kind", "occupation", "openings", "title"], notPay);
        Assert.Contains(fields, f => f is "payMin" or "payMax");
    }

    [Fact]
    public async Task Households_TwoUnemployedMembers_ZeroEmploymentFromLatestDateAndOverdue()
    {
        var tree = await _api.CreateTreeAsync();
        var older = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-200));
        var newer = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-100));

        var (status, created, _) = await _api.PostAsync("/api/households",
            new { siteCode = tree.Village, memberIds = new[] { older, newer } });
        var (_, fetched, _) = await _api.GetAsync($"/api/households/{created!["id"]!.GetValue<string>()}");
        var (unknown, _, _) = await _api.GetAsync("/api/households/hh-unknown");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(fetched!["zeroEmployment"]!.GetValue<bool>());
        Assert.Equal(ApiDriver.Today.AddDays(-100), DateOnly.Parse(fetched["zeroEmploymentSince"]!.GetValue<string>(), Iso));
        Assert.True(fetched["overdue"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task Placements_AlreadyEmployedAndUnknownPost_Return409And404_EndMakesUnemployed()
    {
        var tree = await _api.CreateTreeAsync();
        var employer = await _api.RegisterEmployerAsync(tree.County);
        var post = await _api.OpenPostAsync(tree.Village, employer, 2);
        var seeker = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-30));

        var (placed, placement, _) = await _api.PostAsync("/api/placements",
            new { seekerId = seeker, postId = post, date = ApiDriver.Today.AddDays(-2) });
        var (again, conflict, _) = await _api.PostAsync("/api/placements",
            new { seekerId = seeker, postId = post, date = ApiDriver.Today });
        var (noPost, _, _) = await _api.PostAsync("/api/placements",
            new { seekerId = seeker, postId = "po-unknown", date = ApiDriver.Today });
        var id = placement!["id"]!.GetValue<string>();
        var (ended, _, _) = await _api.PostAsync($"/api/placements/{id}/end",
            new { date = ApiDriver.Today.AddDays(-1), reason = "resigned" });
        var (_, after, _) = await _api.GetAsync($"/api/seekers/{seeker}");

        Assert.Equal(HttpStatusCode.Created, placed);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.NotEmpty(conflict!["errors"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, noPost);
        Assert.Equal(HttpStatusCode.OK, ended);
        Assert.Equal("unemployed", after!["status"]!.GetValue<string>());
        Assert.Equal("resigned", after["placements"]![0]!["endReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task PlacementEnd_UnknownIdOrBadBody_Returns404NamingIdBefore400NamingTheField()
    {
        var tree = await _api.CreateTreeAsync();
        var employer = await _api.RegisterEmployerAsync(tree.County);
        var post = await _api.OpenPostAsync(tree.Village, employer, 1);
        var seeker = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-30));
        var (_, placement, _) = await _api.PostAsync("/api/placements", new { seekerId = seeker, postId = post, date = ApiDriver.Today });
        var id = placement!["id"]!.GetValue<string>();

        var (unknownValid, unknownProblem, _) = await _api.PostAsync("/api/placements/pl-unknown/end",
            new { date = ApiDriver.Today, reason = "resigned" });
        var (unknownInvalid, unknownInvalidProblem, _) = await _api.PostAsync("/api/placements/pl-unknown/end",
            new { reason = "resigned" });
        var (knownInvalid, invalidProblem, _) = await _api.PostAsync($"/api/placements/{id}/end", new { reason = "resigned" });
        var (_, stillOn, _) = await _api.GetAsync($"/api/placements/{id}");

        // An unknown placement is 404 naming id, whether or not the body is valid, and reads like every unknown record.
        Assert.Equal(HttpStatusCode.NotFound, unknownValid);
        Assert.Equal(HttpStatusCode.NotFound, unknownInvalid);
        foreach (var problem in new[] { unknownProblem!, unknownInvalidProblem! })
        {
            Assert.Equal("No such record.", problem["title"]!.GetValue<string>());
            Assert.Equal("id", problem["errors"]![0]!["field"]!.GetValue<string>());
            Assert.Equal("pl-unknown", problem["errors"]![0]!["value"]!.GetValue<string>());
            Assert.Equal("is not registered", problem["errors"]![0]!["problem"]!.GetValue<string>());
        }
        // A known one with a bad body is 400 naming the field, and nothing ended.
        Assert.Equal(HttpStatusCode.BadRequest, knownInvalid);
        Assert.Equal("date", invalidProblem!["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Null(stillOn!["endDate"]?.GetValue<string>());
    }

    [Fact]
    public async Task Placements_PublicWelfarePostForOrdinarySeeker_Returns409NamingRule()
    {
        var tree = await _api.CreateTreeAsync();
        var employer = await _api.RegisterEmployerAsync(tree.County);
        var post = await _api.OpenPostAsync(tree.Village, employer, 2, "public_welfare");
        var seeker = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-30));

        var (status, body, _) = await _api.PostAsync("/api/placements", new { seekerId = seeker, postId = post, date = ApiDriver.Today });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("公益性岗位", body!["errors"]![0]!["rule"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_UnfollowedLongUnemployedAndOverdueHousehold_ListedUntilFollowedUp()
    {
        var tree = await _api.CreateTreeAsync();
        var longUnemployed = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-120));
        var recent = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-10));
        var (_, household, _) = await _api.PostAsync("/api/households",
            new { siteCode = tree.Village, memberIds = new[] { longUnemployed } });

        var (status, before, _) = await _api.GetAsync($"/api/sites/{tree.County}/alerts");
        await _api.PostAsync($"/api/seekers/{longUnemployed}/followups",
            new { date = ApiDriver.Today, kind = "call", note = "电话回访" });
        var (_, after, _) = await _api.GetAsync($"/api/sites/{tree.County}/alerts");

        Assert.Equal(HttpStatusCode.OK, status);
        var seekerAlert = Assert.Single(before!["unemployedOver3MonthsWithoutFollowUp"]!.AsArray());
        Assert.Equal(longUnemployed, seekerAlert!["seekerId"]!.GetValue<string>());
        Assert.NotEqual(recent, seekerAlert["seekerId"]!.GetValue<string>());
        Assert.Equal(household!["id"]!.GetValue<string>(),
            Assert.Single(before["overdueHouseholds"]!.AsArray())!["householdId"]!.GetValue<string>());
        Assert.Empty(after!["unemployedOver3MonthsWithoutFollowUp"]!.AsArray());
        Assert.Single(after["overdueHouseholds"]!.AsArray());
    }

    [Fact]
    public async Task OpenApi_Document_ListsApiEndpointsOnly()
    {
        var (status, body, _) = await _api.GetAsync("/openapi/v1.json");
        using var page = await _api.Http.GetAsync(new Uri("/api-docs/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = body!["paths"]!.AsObject().Select(p => p.Key).ToArray();
        foreach (var expected in new[]
        {
            "/api/sites", "/api/sites/{code}", "/api/sites/{code}/children", "/api/sites/{code}/alerts",
            "/api/seekers", "/api/seekers/{id}", "/api/seekers/search", "/api/seekers/{id}/followups", "/api/employers",
            "/api/posts", "/api/posts/{id}", "/api/posts/{id}/close",
            "/api/households", "/api/households/{id}", "/api/placements", "/api/placements/{id}/end", "/api/indicators/{siteCode}",
            "/api/indicators/{siteCode}/history", "/api/indicators/{siteCode}/live",
        })
        {
            Assert.Contains(expected, paths);
        }
        Assert.All(paths, path => Assert.StartsWith("/api/", path, StringComparison.Ordinal));
        var seeker = body["components"]!["schemas"]!["SeekerResponse"]!["properties"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Contains("idNumberMasked", seeker);
        Assert.DoesNotContain("idNumber", seeker);
        Assert.DoesNotContain("phone", seeker);
        Assert.NotNull(body["components"]!["schemas"]!["SiteResponse"]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}
