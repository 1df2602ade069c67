using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobHome.Domain.People;
using JobHome.Silo.Tests.Api;

namespace JobHome.Silo.Tests.Import;

/// <summary>
/// A record read (404) before the bulk import writes it: its activation holds an empty state, and the bulk writes
/// straight to storage behind it. The next read must find the imported record, and a live registration of a bulk
/// seeker's ID number must get 409 naming it (the empty activation must not let the claim be taken over).
/// </summary>
[Collection(BulkImportCollection.Name)]
public sealed class BulkImportStaleActivationTests(BulkImportSiloFixture fixture)
{
    private const string Site = BulkImportSiloFixture.Province;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task BulkSeeker_ReadBefore_FoundAfterWithTheImportedValuesAndALiveRegistrationGets409NamingIt()
    {
        var number = IdCardNumber.Create("369904", new DateOnly(1987, 4, 5), 3).RevealFullNumber();
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("/api/seekers/BREAD1"));

        Assert.Equal("created", await BulkAsync("seekers", "BREAD1", Seeker(number, "王芳")));

        using var read = await Http.GetAsync(new Uri("/api/seekers/BREAD1", UriKind.Relative));
        var seeker = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(read.StatusCode == HttpStatusCode.OK, $"{(int)read.StatusCode} {seeker}");
        Assert.Equal("王芳", seeker.GetProperty("name").GetString());
        Assert.Equal(Site, seeker.GetProperty("siteCode").GetString());
        Assert.Equal("unemployed", seeker.GetProperty("status").GetString());

        // The live registration asks the claim's holder whether it exists: the activation read before must say yes.
        using var live = await Http.PostAsJsonAsync(new Uri("/api/seekers", UriKind.Relative), Seeker(number, "王芳"));
        var body = await live.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(live.StatusCode == HttpStatusCode.Conflict, $"{(int)live.StatusCode} {body}");
        Assert.Equal("BREAD1", body.GetProperty("conflictingId").GetString());
    }

    // The bulk's reminder step (IBulkHouseholdGrain) re-reads the household too, so this passes without the grain's own
    // re-read as well; it guards the behaviour, not the fix alone.
    [Fact]
    public async Task BulkHousehold_ReadBefore_FoundAfterWithItsMember()
    {
        var number = IdCardNumber.Create("369905", new DateOnly(1985, 8, 9), 5).RevealFullNumber();
        Assert.Equal("created", await BulkAsync("seekers", "BMEMBER", Seeker(number, "赵强")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("/api/households/HREAD1"));

        Assert.Equal("created", await BulkAsync("households", "HREAD1", new { siteCode = Site, memberIds = new[] { "BMEMBER" } }));

        using var read = await Http.GetAsync(new Uri("/api/households/HREAD1", UriKind.Relative));
        var household = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(read.StatusCode == HttpStatusCode.OK, $"{(int)read.StatusCode} {household}");
        Assert.Equal(Site, household.GetProperty("siteCode").GetString());
        Assert.Equal(["BMEMBER"], household.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("seekerId").GetString()));
    }

    [Fact]
    public async Task BulkPost_ReadBefore_FoundAfterWithTheImportedValues()
    {
        var employer = ApiDriver.NewCreditCode();
        (await Http.PostAsJsonAsync(new Uri("/api/import/employers", UriKind.Relative),
            new[] { new { creditCode = employer, name = "赣州电子厂", siteCode = Site } })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("/api/posts/PREAD1"));

        var post = new
        {
            siteCode = Site, employerCode = employer, title = "装配工", occupation = "6-25", openings = 4, payMin = 3000, payMax = 5000,
            lat = 28.6, lon = 115.9, kind = "full_time",
        };
        Assert.Equal("created", await BulkAsync("posts", "PREAD1", post));

        using var read = await Http.GetAsync(new Uri("/api/posts/PREAD1", UriKind.Relative));
        var stored = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(read.StatusCode == HttpStatusCode.OK, $"{(int)read.StatusCode} {stored}");
        Assert.Equal("装配工", stored.GetProperty("title").GetString());
        Assert.Equal(4, stored.GetProperty("openings").GetInt32());
        Assert.Equal(employer, stored.GetProperty("employerCode").GetString());
    }

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private async Task<string?> BulkAsync(string kind, string id, object record)
    {
        using var response = await Http.PostAsJsonAsync(new Uri($"/api/import/bulk/{kind}", UriKind.Relative),
            new[] { new { id, record } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        var item = body.GetProperty("items")[0];
        return item.GetProperty("outcome").GetString() == "created" ? "created" : item.ToString();
    }

    private static object Seeker(string idNumber, string name) => BulkImportSiloFixture.Seeker(idNumber, name);
}
