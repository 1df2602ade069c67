using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using JobHome.Domain.Services;
using JobHome.Silo.Tests.Api;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Dashboard;

/// <summary>The dashboard endpoints (search, path, card, drill-down, map, occupations, history) on the real silo.</summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardApiTests(RunningSiloFixture fixture)
{
    /// <summary>How long the stream and the 500 ms upward timer may take to carry a change up the tree.</summary>
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(20);

    private readonly ApiDriver _api = new(fixture.Silo.Http);

    [Fact]
    public async Task Search_CodeOfProvince_ExactCodeFirstThenItsSubtreeByPrefix()
    {
        var tree = await _api.CreateTreeAsync();

        var (status, body, _) = await _api.GetAsync($"/api/sites/search?q={tree.Province.ToLowerInvariant()}&limit=100");

        Assert.Equal(HttpStatusCode.OK, status);
        var codes = Items(body).Select(i => i["code"]!.GetValue<string>()).ToArray();
        Assert.Equal(tree.Province, codes[0]);
        Assert.Equal([tree.City, tree.County, tree.Township, tree.Village],
            codes.Where(c => c.StartsWith(tree.Province + "-", StringComparison.Ordinal)).ToArray());
        var first = Items(body)[0];
        Assert.Equal("江西省就业之家", first["name"]!.GetValue<string>());
        Assert.Equal("province", first["kind"]!.GetValue<string>());
        Assert.Null(first["parentCode"]);
    }

    [Fact]
    public async Task Search_NameFragment_FindsTheSiteWithItsParent()
    {
        var tree = await _api.CreateTreeAsync();
        var unique = string.Create(CultureInfo.InvariantCulture, $"寻{ApiDriver.Next()}");
        var code = tree.Township + "-S";
        await _api.CreateSiteAsync(code, $"{unique}村就业之家", "village", tree.Township);

        var (status, body, _) = await _api.GetAsync($"/api/sites/search?q={Uri.EscapeDataString(unique)}");

        Assert.Equal(HttpStatusCode.OK, status);
        var item = Assert.Single(Items(body));
        Assert.Equal(code, item["code"]!.GetValue<string>());
        Assert.Equal("village", item["kind"]!.GetValue<string>());
        Assert.Equal(tree.Township, item["parentCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_LimitOne_ReturnsOneItem()
    {
        var tree = await _api.CreateTreeAsync();

        var (status, body, _) = await _api.GetAsync($"/api/sites/search?q={tree.Province}&limit=1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(tree.Province, Assert.Single(Items(body))["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/sites/search", "q")]
    [InlineData("/api/sites/search?q=%20", "q")]
    [InlineData("/api/sites/search?q=T1&limit=0", "limit")]
    [InlineData("/api/sites/search?q=T1&limit=101", "limit")]
    [InlineData("/api/sites/search?q=T1&limit=ten", "limit")]
    public async Task Search_BadQueryOrLimit_Returns400NamingTheField(string path, string field)
    {
        var (status, body, _) = await _api.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([field], ApiDriver.ErrorFields(body));
    }

    [Fact]
    public async Task Path_Village_ListsProvinceDownToVillage()
    {
        var tree = await _api.CreateTreeAsync();

        var (status, body, _) = await _api.GetAsync($"/api/sites/{tree.Village}/path");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([tree.Province, tree.City, tree.County, tree.Township, tree.Village],
            Items(body).Select(i => i["code"]!.GetValue<string>()).ToArray());
        Assert.Equal(["province", "city", "county", "township", "village"],
            Items(body).Select(i => i["kind"]!.GetValue<string>()).ToArray());
        Assert.Equal("龙舌村就业之家", Items(body)[4]["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("path")]
    [InlineData("card")]
    [InlineData("children/indicators")]
    [InlineData("map")]
    [InlineData("occupations")]
    public async Task SiteEndpoints_UnknownSite_Return404NamingCode(string endpoint)
    {
        var (status, body, _) = await _api.GetAsync($"/api/sites/NOPE-DASH/{endpoint}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["code"], ApiDriver.ErrorFields(body));
    }

    [Fact]
    public async Task Card_TownshipWithNothingRecorded_BelowLevel4AndNotUpToStandard()
    {
        var tree = await _api.CreateTreeAsync();

        var (status, body, _) = await _api.GetAsync($"/api/sites/{tree.Township}/card");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("township", body!["kind"]!.GetValue<string>());
        Assert.Null(body["level"]);
        Assert.Equal("未达四级", body["levelName"]!.GetValue<string>());
        var missing = body["missingForNextLevel"]!.AsArray().Select(m => m!["item"]!.GetValue<string>()).ToArray();
        Assert.Equal(["info_query", "info_publicity"], missing);
        Assert.Equal("就业信息查询服务", body["missingForNextLevel"]![0]!["zh"]!.GetValue<string>());
        Assert.Equal("不达标", body["checklist"]!["verdict"]!.GetValue<string>());
        Assert.False(body["checklist"]!["passed"]!.GetValue<bool>());
        var naming = body["checklist"]!["failing"]!.AsArray().Single(f => f!["item"]!.GetValue<string>() == "signage.naming");
        Assert.True(naming!["mandatory"]!.GetValue<bool>());
        Assert.DoesNotContain(body["checklist"]!["failing"]!.AsArray(), f => f!["item"]!.GetValue<string>() == "config.comprehensive_hall");
        Assert.Equal(ServiceCatalogue.Township.Select(s => s.Chinese).ToArray(),
            body["services"]!.AsArray().Select(s => s!["zh"]!.GetValue<string>()).ToArray());
        Assert.Equal("1", body["services"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChildrenIndicators_County_ListsTownshipWithTheSameObjectAsIndicatorsEndpoint()
    {
        var tree = await _api.CreateTreeAsync();
        await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-5));
        await _api.RegisterSeekerAsync(tree.Village, "employed", ApiDriver.Today.AddDays(-5));

        var body = await PollAsync($"/api/sites/{tree.County}/children/indicators",
            b => Items(b).Count == 1 && Items(b)[0]["indicators"]!["labourForce"]!.GetValue<long>() == 2);

        Assert.Equal(tree.County, body["siteCode"]!.GetValue<string>());
        Assert.Equal(ApiDriver.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body["asOf"]!.GetValue<string>());
        var item = Items(body)[0];
        Assert.Equal(tree.Township, item["code"]!.GetValue<string>());
        Assert.Equal("嘉定镇就业之家", item["name"]!.GetValue<string>());
        Assert.Equal("township", item["kind"]!.GetValue<string>());
        var (_, direct, _) = await _api.GetAsync($"/api/indicators/{tree.Township}");
        Assert.True(JsonNode.DeepEquals(direct, item["indicators"]), $"{direct} vs {item["indicators"]}");
    }

    [Fact]
    public async Task Map_County_ListsEverySiteBelowWithRatesAndNullWithoutLabourForce()
    {
        var tree = await _api.CreateTreeAsync();
        var school = tree.County + "-SCH";
        await _api.CreateSiteAsync(school, "信丰技工学校就业之家", "school", tree.County);
        await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-5));
        await _api.RegisterSeekerAsync(tree.Village, "employed", ApiDriver.Today.AddDays(-5));
        // Both seekers' events travel up the tiers separately: wait until the county has counted the two of them.
        var body = await PollAsync($"/api/sites/{tree.County}/map",
            b => Items(b).Any(i => i["code"]!.GetValue<string>() == tree.County
                && i["employmentRate"] is JsonNode rate && rate.GetValue<double>() == 0.5));

        Assert.Equal(tree.County, body["siteCode"]!.GetValue<string>());
        var items = Items(body).ToDictionary(i => i["code"]!.GetValue<string>());
        Assert.Equal(new[] { school, tree.County, tree.Township, tree.Village }.Order(StringComparer.Ordinal), items.Keys);
        Assert.Equal(0.5, items[tree.County]["employmentRate"]!.GetValue<double>());
        Assert.Null(items[school]["employmentRate"]);
        Assert.Equal(tree.Township, items[tree.Village]["parentCode"]!.GetValue<string>());
        Assert.Equal(25.38, items[tree.Village]["lat"]!.GetValue<double>());
        Assert.Equal(114.92, items[tree.Village]["lon"]!.GetValue<double>());
        Assert.Equal("school", items[school]["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Occupations_SeekersAndPosts_CountedByMajorGroupWithSeekerInTwoGroupsInBoth()
    {
        var tree = await _api.CreateTreeAsync();
        var twoGroups = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today.AddDays(-5));
        twoGroups["occupations"] = new[] { "4-01", "4-02", "6-25" };
        var (created, _, _) = await _api.PostAsync("/api/seekers", twoGroups);
        Assert.Equal(HttpStatusCode.Created, created);
        await _api.RegisterSeekerAsync(tree.Township, "unemployed", ApiDriver.Today.AddDays(-5));
        await _api.RegisterSeekerAsync(tree.Village, "employed", ApiDriver.Today.AddDays(-5));
        var employer = await _api.RegisterEmployerAsync(tree.County);
        await _api.OpenPostAsync(tree.Village, employer, 5);
        var closed = await _api.OpenPostAsync(tree.Township, employer, 7);
        await _api.PostAsync($"/api/posts/{closed}/close", null);

        var (status, body, _) = await _api.GetAsync($"/api/sites/{tree.County}/occupations");

        Assert.Equal(HttpStatusCode.OK, status);
        var items = Items(body);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], items.Select(i => i["majorGroup"]!.GetValue<string>()).ToArray());
        Assert.Equal([0L, 0, 0, 2, 0, 1, 0, 0], items.Select(i => i["activeSeekers"]!.GetValue<long>()).ToArray());
        Assert.Equal([0L, 0, 0, 0, 0, 5, 0, 0], items.Select(i => i["openings"]!.GetValue<long>()).ToArray());
        Assert.Equal("生产制造及有关人员", items[5]["zh"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(items[5]["en"]!.GetValue<string>()));
    }

    [Fact]
    public async Task History_RegistrationPlacementEndAndDeregistration_OldestFirstWithUntil()
    {
        var tree = await _api.CreateTreeAsync();
        var start = ApiDriver.Today.AddDays(-30);
        var seeker = await _api.RegisterSeekerAsync(tree.Village, "unemployed", start);
        var employer = await _api.RegisterEmployerAsync(tree.County);
        var post = await _api.OpenPostAsync(tree.Village, employer, 2);
        var (placed, placement, _) = await _api.PostAsync("/api/placements",
            new { seekerId = seeker, postId = post, date = Iso(ApiDriver.Today.AddDays(-20)) });
        Assert.Equal(HttpStatusCode.Created, placed);
        var (ended, _, _) = await _api.PostAsync($"/api/placements/{placement!["id"]!.GetValue<string>()}/end",
            new { date = Iso(ApiDriver.Today.AddDays(-10)), reason = "resigned" });
        Assert.Equal(HttpStatusCode.OK, ended);
        var (gone, _, _) = await _api.SendAsync(HttpMethod.Delete, $"/api/seekers/{seeker}?date={Iso(ApiDriver.Today)}&reason=moved_away");
        Assert.Equal(HttpStatusCode.OK, gone);

        var (status, body, _) = await _api.GetAsync($"/api/seekers/{seeker}/history");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(seeker, body!["seekerId"]!.GetValue<string>());
        var items = Items(body);
        Assert.Equal(["unemployed", "employed", "unemployed", "not_in_labour_force"],
            items.Select(i => i["status"]!.GetValue<string>()).ToArray());
        Assert.Equal(["registration", "placement", "end", "deregistration"], items.Select(i => i["cause"]!.GetValue<string>()).ToArray());
        Assert.Equal([Iso(start), Iso(ApiDriver.Today.AddDays(-20)), Iso(ApiDriver.Today.AddDays(-10)), Iso(ApiDriver.Today)],
            items.Select(i => i["since"]!.GetValue<string>()).ToArray());
        Assert.Equal([Iso(ApiDriver.Today.AddDays(-20)), Iso(ApiDriver.Today.AddDays(-10)), Iso(ApiDriver.Today)],
            items.Take(3).Select(i => i["until"]!.GetValue<string>()).ToArray());
        Assert.Null(items[3]["until"]);
    }

    [Fact]
    public async Task History_StatusCorrected_AddsCorrection()
    {
        var tree = await _api.CreateTreeAsync();
        var body = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today.AddDays(-9));
        var (_, created, _) = await _api.PostAsync("/api/seekers", body);
        var id = created!["id"]!.GetValue<string>();
        body["status"] = "employed";
        body["statusSince"] = Iso(ApiDriver.Today.AddDays(-2));
        var (corrected, _, _) = await _api.SendAsync(HttpMethod.Put, $"/api/seekers/{id}", body);
        Assert.Equal(HttpStatusCode.OK, corrected);

        var (_, history, _) = await _api.GetAsync($"/api/seekers/{id}/history");

        Assert.Equal(["registration", "correction"], Items(history).Select(i => i["cause"]!.GetValue<string>()).ToArray());
        Assert.Equal("employed", Items(history)[1]["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_UnknownSeeker_Returns404()
    {
        var (status, body, _) = await _api.GetAsync("/api/seekers/sk-nope/history");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["id"], ApiDriver.ErrorFields(body));
    }

    private static List<JsonNode> Items(JsonNode? body) => [.. body!["items"]!.AsArray().Select(i => i!)];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Indicators reach the upper tiers over the stream and a 500 ms timer: poll with a deadline (eventually consistent).
    private async Task<JsonNode> PollAsync(string path, Func<JsonNode, bool> done)
    {
        var until = DateTime.UtcNow + Propagation;
        JsonNode? last = null;
        while (DateTime.UtcNow < until)
        {
            var (status, body, _) = await _api.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            last = body!;
            if (done(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{path} did not reach the expected value within {Propagation}: {last}");
    }
}
