using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JobHome.Silo.Tests.Api;

namespace JobHome.Silo.Tests.Security;

/// <summary>What an operator learns about people outside the subtree: nothing, not even through a duplicate ID or a search.</summary>
[Collection(SecurityCollection.Name)]
public sealed class ScopeTests(SecuredSiloFixture fixture)
{
    private const string Password = "scope-password-1";

    [Fact]
    public async Task DuplicateIdNumber_OutsideTheSubtree_SaysRegisteredElsewhere_NamesNoSeeker_AndIsAudited()
    {
        var admin = new ApiDriver(fixture.Silo.Http);
        var mine = await admin.CreateTreeAsync();
        var theirs = await admin.CreateTreeAsync();
        var existingBody = admin.SeekerBody(theirs.Village, "unemployed", ApiDriver.Today.AddMonths(-1));
        var (status, existing, _) = await admin.PostAsync("/api/seekers", existingBody);
        Assert.Equal(HttpStatusCode.Created, status);
        var existingId = existing!["id"]!.GetValue<string>();
        var name = $"dup{ApiDriver.Next()}";
        await fixture.CreateUserAsync(name, Password, "county", mine.County);
        var operatorApi = new ApiDriver(fixture.WithToken(await fixture.TokenAsync(name, Password)));

        var body = operatorApi.SeekerBody(mine.Village, "unemployed", ApiDriver.Today.AddMonths(-1));
        body["idNumber"] = existingBody["idNumber"];
        body["birthDate"] = existingBody["birthDate"];
        var (conflict, problem, _) = await operatorApi.PostAsync("/api/seekers", body);

        Assert.Equal(HttpStatusCode.Conflict, conflict);
        var text = problem!.ToJsonString();
        Assert.DoesNotContain(existingId, text, StringComparison.Ordinal);
        Assert.Null(problem["conflictingId"]?.GetValue<string>());
        Assert.Contains("elsewhere", problem["errors"]![0]!["problem"]!.GetValue<string>(), StringComparison.Ordinal);
        using var audit = await fixture.Silo.Http.GetAsync(new Uri($"/api/audit?siteCode={mine.Village}", UriKind.Relative));
        var records = JsonNode.Parse(await audit.Content.ReadAsStringAsync())!["items"]!.AsArray();
        Assert.Contains(records, r => r!["action"]!.GetValue<string>().StartsWith("duplicate-id-elsewhere", StringComparison.Ordinal)
            && r["actor"]!.GetValue<string>() == name);
        operatorApi.AssertNoPersonalDataReturned();

        // Inside the subtree the same rule names the existing seeker.
        var insideBody = operatorApi.SeekerBody(mine.Village, "unemployed", ApiDriver.Today.AddMonths(-1));
        var (created, inside, _) = await operatorApi.PostAsync("/api/seekers", insideBody);
        Assert.Equal(HttpStatusCode.Created, created);
        var again = operatorApi.SeekerBody(mine.Township, "unemployed", ApiDriver.Today.AddMonths(-1));
        again["idNumber"] = insideBody["idNumber"];
        again["birthDate"] = insideBody["birthDate"];
        var (insideConflict, insideProblem, _) = await operatorApi.PostAsync("/api/seekers", again);
        Assert.Equal(HttpStatusCode.Conflict, insideConflict);
        Assert.Equal(inside!["id"]!.GetValue<string>(), insideProblem!["conflictingId"]!.GetValue<string>());
    }

    [Fact]
    public async Task SearchByIdNumber_OfAPersonOutsideTheSubtree_FindsNothing_AndReadsAre404()
    {
        var admin = new ApiDriver(fixture.Silo.Http);
        var mine = await admin.CreateTreeAsync();
        var theirs = await admin.CreateTreeAsync();
        var theirBody = admin.SeekerBody(theirs.Village, "unemployed", ApiDriver.Today.AddMonths(-1));
        var (_, their, _) = await admin.PostAsync("/api/seekers", theirBody);
        var theirId = their!["id"]!.GetValue<string>();
        var name = $"srch{ApiDriver.Next()}";
        await fixture.CreateUserAsync(name, Password, "province", mine.Province);
        using var client = fixture.WithToken(await fixture.TokenAsync(name, Password));

        using var search = await client.PostAsJsonAsync("/api/seekers/search", new { siteCode = mine.Province, q = theirBody["idNumber"] });
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(0, JsonNode.Parse(await search.Content.ReadAsStringAsync())!["total"]!.GetValue<int>());
        using var read = await client.GetAsync(new Uri($"/api/seekers/{theirId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using var unknown = await client.GetAsync(new Uri("/api/seekers/sk-unknown", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        // The two 404s read alike: outside the subtree a record is "not registered".
        var outsideProblem = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        var unknownProblem = JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!;
        Assert.Equal(unknownProblem["title"]!.GetValue<string>(), outsideProblem["title"]!.GetValue<string>());
        Assert.Equal(unknownProblem["errors"]![0]!["problem"]!.GetValue<string>(),
            outsideProblem["errors"]![0]!["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task RepeatedSiteCode_InABody_IsScopedByTheValueTheEndpointReads()
    {
        var admin = new ApiDriver(fixture.Silo.Http);
        var mine = await admin.CreateTreeAsync();
        var theirs = await admin.CreateTreeAsync();
        var name = $"dupkey{ApiDriver.Next()}";
        await fixture.CreateUserAsync(name, Password, "county", mine.County);
        using var client = fixture.WithToken(await fixture.TokenAsync(name, Password));

        // The endpoint's binder keeps the last of repeated names, so the scope check must judge that one: outside last is
        // refused (404, as for any personal record outside), inside last is registered inside.
        using var outsideLast = await PostRawAsync(client, WithRepeatedSiteCode(admin, mine.Village, theirs.Village));
        Assert.Equal(HttpStatusCode.NotFound, outsideLast.StatusCode);
        using var insideLast = await PostRawAsync(client, WithRepeatedSiteCode(admin, theirs.Village, mine.Village));
        Assert.Equal(HttpStatusCode.Created, insideLast.StatusCode);
        var created = JsonNode.Parse(await insideLast.Content.ReadAsStringAsync())!;
        Assert.Equal(mine.Village, created["siteCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task RepeatedSiteCode_InAnotherCasing_IsScopedByTheValueTheEndpointReads()
    {
        var admin = new ApiDriver(fixture.Silo.Http);
        var mine = await admin.CreateTreeAsync();
        var theirs = await admin.CreateTreeAsync();
        var name = $"casekey{ApiDriver.Next()}";
        await fixture.CreateUserAsync(name, Password, "county", mine.County);
        using var client = fixture.WithToken(await fixture.TokenAsync(name, Password));

        // The binder matches names ignoring case, so a last "SiteCode" outside the scope is the site it would register at.
        using var outsideLast = await PostRawAsync(client, WithRepeatedSiteCode(admin, mine.Village, theirs.Village, "SiteCode"));
        Assert.Equal(HttpStatusCode.NotFound, outsideLast.StatusCode);
        using var insideLast = await PostRawAsync(client, WithRepeatedSiteCode(admin, theirs.Village, mine.Village, "SITECODE"));
        Assert.Equal(HttpStatusCode.Created, insideLast.StatusCode);
        var created = JsonNode.Parse(await insideLast.Content.ReadAsStringAsync())!;
        Assert.Equal(mine.Village, created["siteCode"]!.GetValue<string>());
    }

    private static string WithRepeatedSiteCode(ApiDriver driver, string first, string last, string key = "siteCode")
    {
        var body = driver.SeekerBody(first, "unemployed", ApiDriver.Today.AddMonths(-1));
        var json = System.Text.Json.JsonSerializer.Serialize(body);
        return json[..^1] + $",\"{key}\":\"{last}\"}}";
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string json) =>
        client.PostAsync(new Uri("/api/seekers", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
}
