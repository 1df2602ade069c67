using System.Net;
using System.Diagnostics;
using System.Text.Json.Nodes;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Api;

/// <summary>Indicators, their history and the live feed through the HTTP API, against hand-computed values.</summary>
[Collection(ApiCollection.Name)]
public sealed class IndicatorApiTests(RunningSiloFixture fixture)
{
    private static readonly System.Globalization.CultureInfo Iso = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>How long the stream and the 500 ms upward timer may take to carry a change to the county.</summary>
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(60);

    private readonly ApiDriver _api = new(fixture.Silo.Http);

    [Fact]
    public async Task GetIndicators_AfterRegistrationsHouseholdPostAndPlacement_EqualHandComputedAtVillageAndCounty()
    {
        var tree = await _api.CreateTreeAsync();
        var longUnemployed = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-200));
        var toBePlaced = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-10));
        await _api.RegisterSeekerAsync(tree.Village, "employed", ApiDriver.Today.AddDays(-50));
        await _api.RegisterSeekerAsync(tree.Village, "not_in_labour_force", ApiDriver.Today.AddDays(-50));
        await _api.PostAsync("/api/households", new { siteCode = tree.Village, memberIds = new[] { longUnemployed, toBePlaced } });
        var employer = await _api.RegisterEmployerAsync(tree.County);
        var post = await _api.OpenPostAsync(tree.Village, employer, 5);
        var (placed, _, _) = await _api.PostAsync("/api/placements", new { seekerId = toBePlaced, postId = post, date = ApiDriver.Today });
        Assert.Equal(HttpStatusCode.Created, placed);

        // Hand-computed: employed 2 (placed + employed), unemployed 1 (200 days: over three months), the household has an
        // employed member now, one open post with 4 openings left, one placement.
        var expected = new Dictionary<string, double?>
        {
            ["employed"] = 2, ["unemployed"] = 1, ["labourForce"] = 3, ["employmentRate"] = 2.0 / 3,
            ["registeredUnemploymentRate"] = 1.0 / 3,
            ["unemployedOver3Months"] = 1, ["zeroEmploymentHouseholds"] = 0, ["zeroEmploymentHouseholdsOverdue"] = 0, ["openPosts"] = 1,
            ["openings"] = 4, ["activeSeekers"] = 1, ["postsToSeekersRatio"] = 4, ["placements"] = 1,
        };
        var village = await WaitForAsync(tree.Village, expected);
        var county = await WaitForAsync(tree.County, expected);

        Assert.Equal(tree.Village, village["siteCode"]!.GetValue<string>());
        Assert.Equal(ApiDriver.Today.ToString("yyyy-MM-dd", Iso), village["asOf"]!.GetValue<string>());
        Assert.Equal(0.9, village["targets"]!["employmentRate"]!["target"]!.GetValue<double>());
        Assert.False(village["targets"]!["employmentRate"]!["met"]!.GetValue<bool>());
        Assert.True(village["targets"]!["zeroEmploymentHouseholdsOverdue"]!["met"]!.GetValue<bool>());
        Assert.Null(county["targets"]!["employmentRate"]);
    }

    [Fact]
    public async Task GetIndicators_SeekerDeregistered_LeavesLabourForce()
    {
        var tree = await _api.CreateTreeAsync();
        var leaving = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-20));
        await _api.RegisterSeekerAsync(tree.Village, "employed", ApiDriver.Today.AddDays(-20));
        await WaitForAsync(tree.Village, new Dictionary<string, double?> { ["employed"] = 1, ["unemployed"] = 1 });

        var (status, _, _) = await _api.SendAsync(HttpMethod.Delete, $"/api/seekers/{leaving}?reason=moved_away");
        var after = await WaitForAsync(tree.Village, new Dictionary<string, double?> { ["employed"] = 1, ["unemployed"] = 0 });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, after["labourForce"]!.GetValue<long>());
        Assert.Equal(1.0, after["employmentRate"]!.GetValue<double>());
    }

    [Fact]
    public async Task GetIndicators_UnknownSite_Returns404()
    {
        var (status, body, _) = await _api.GetAsync("/api/indicators/NOPE-IND");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["siteCode"], ApiDriver.ErrorFields(body));
    }

    [Fact]
    public async Task GetHistory_NewSite_HasTodaysPointAndLiveValue()
    {
        var tree = await _api.CreateTreeAsync();
        await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-3));
        await WaitForAsync(tree.Village, new Dictionary<string, double?> { ["unemployed"] = 1 });

        var (status, body, _) = await _api.GetAsync($"/api/indicators/{tree.Village}/history");

        Assert.Equal(HttpStatusCode.OK, status);
        var point = Assert.Single(body!["points"]!.AsArray());
        Assert.Equal(ApiDriver.Today.ToString("yyyy-MM-dd", Iso), point!["date"]!.GetValue<string>());
        Assert.Equal(1, point["unemployed"]!.GetValue<long>());
        // Recorded, not filled in for a missed day (grains.md, History).
        Assert.False(point["backfilled"]!.GetValue<bool>());
        Assert.Equal(1, body["live"]!["unemployed"]!.GetValue<long>());
    }

    [Fact]
    public async Task Live_Placement_DeliversMessageWithThePlacement()
    {
        var tree = await _api.CreateTreeAsync();
        var employer = await _api.RegisterEmployerAsync(tree.County);
        var post = await _api.OpenPostAsync(tree.Village, employer, 3);
        var seeker = await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-3));
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = fixture.Silo.Http.DefaultRequestHeaders.Authorization;
        using var deadline = new CancellationTokenSource(Propagation);
        using var response = await http.GetAsync(new Uri($"/api/indicators/{tree.Village}/live", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        var first = await NextMessageAsync(reader, deadline.Token);

        var (placed, _, _) = await _api.PostAsync("/api/placements", new { seekerId = seeker, postId = post, date = ApiDriver.Today });
        JsonNode message;
        do
        {
            message = await NextMessageAsync(reader, deadline.Token);
        }
        while (message["placements"]!.GetValue<long>() == 0);

        Assert.Equal(HttpStatusCode.Created, placed);
        Assert.Equal(tree.Village, first["siteCode"]!.GetValue<string>());
        Assert.Equal(1, message["placements"]!.GetValue<long>());
        Assert.Equal(2, message["openings"]!.GetValue<long>());
    }

    /// <summary>Reads the next <c>indicators</c> event's data.</summary>
    private static async Task<JsonNode> NextMessageAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? eventType = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventType = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && eventType == "indicators")
            {
                return JsonNode.Parse(line["data:".Length..].Trim())!;
            }
        }
        throw new InvalidOperationException("The live feed ended.");
    }

    /// <summary>Polls the snapshot (external condition: stream delivery, the upward timer) until it has the expected values.</summary>
    private async Task<JsonNode> WaitForAsync(string siteCode, IReadOnlyDictionary<string, double?> expected)
    {
        var until = DateTime.UtcNow + Propagation;
        JsonNode? last = null;
        while (DateTime.UtcNow < until)
        {
            var (status, body, _) = await _api.GetAsync($"/api/indicators/{siteCode}");
            Assert.Equal(HttpStatusCode.OK, status);
            last = body;
            if (expected.All(e => Matches(body![e.Key], e.Value)))
            {
                return body!;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"indicators of {siteCode} did not reach the expected values within {Propagation}: {last?.ToJsonString()}");
        throw new UnreachableException();
    }

    private static bool Matches(JsonNode? actual, double? expected) =>
        expected is null ? actual is null : actual is not null && Math.Abs(actual.GetValue<double>() - expected.Value) < 1e-9;
}
