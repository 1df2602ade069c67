using System.Net;
using System.Text.Json.Nodes;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Api;

/// <summary><c>POST /api/indicators/{siteCode}/recount</c>: the operators' recount through the HTTP API.</summary>
[Collection(ApiCollection.Name)]
public sealed class RecountApiTests(RunningSiloFixture fixture)
{
    /// <summary>How long the stream and the 500 ms upward timer may take to carry a change to the province.</summary>
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(20);

    private readonly ApiDriver _api = new(fixture.Silo.Http);

    [Fact]
    public async Task Recount_QuietSubtree_MatchesWithHandCountedValues()
    {
        var tree = await _api.CreateTreeAsync();
        await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-120));
        await _api.RegisterSeekerAsync(tree.Village, "employed", ApiDriver.Today.AddDays(-10));
        var employer = await _api.RegisterEmployerAsync(tree.County);
        await _api.OpenPostAsync(tree.Village, employer, 3);

        var body = await RecountUntilMatchesAsync($"/api/indicators/{tree.Province}/recount");

        Assert.Equal(tree.Province, body["siteCode"]!.GetValue<string>());
        Assert.False(body["repaired"]!.GetValue<bool>());
        Assert.Equal((5, 3, 0), (body["sites"]!.GetValue<int>(), body["records"]!.GetValue<long>(), body["corrected"]!.GetValue<long>()));
        Assert.Empty(body["differences"]!.AsArray());
        foreach (var side in new[] { "live", "recounted" })
        {
            var counts = body[side]!;
            Assert.Equal((1, 1, 1, 1, 3), (counts["employed"]!.GetValue<long>(), counts["unemployed"]!.GetValue<long>(),
                counts["unemployedOver3Months"]!.GetValue<long>(), counts["openPosts"]!.GetValue<long>(),
                counts["openings"]!.GetValue<long>()));
        }

        var (status, repaired, _) = await _api.PostAsync($"/api/indicators/{tree.Township}/recount?repair=true", null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(repaired!["matches"]!.GetValue<bool>());
        Assert.True(repaired["repaired"]!.GetValue<bool>());
        Assert.Equal(0, repaired["corrected"]!.GetValue<long>());
    }

    [Fact]
    public async Task Recount_BadRepairFlag_Returns400NamingIt()
    {
        var tree = await _api.CreateTreeAsync();

        var (status, body, _) = await _api.PostAsync($"/api/indicators/{tree.Village}/recount?repair=maybe", null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["repair"], ApiDriver.ErrorFields(body));
    }

    [Fact]
    public async Task Recount_UnknownSite_Returns404()
    {
        var (status, body, _) = await _api.PostAsync("/api/indicators/NOPE-RECOUNT/recount", null);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["siteCode"], ApiDriver.ErrorFields(body));
    }

    [Fact]
    public async Task Recount_WithProgress_StreamsJsonLinesEndingInTheResult()
    {
        var tree = await _api.CreateTreeAsync();
        await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-30));
        var plain = await RecountUntilMatchesAsync($"/api/indicators/{tree.Province}/recount");

        // Not through the driver: the body is several JSON documents, one per line.
        using var response = await fixture.Silo.Http.PostAsync(
            new Uri($"/api/indicators/{tree.Province}/recount?progress=true", UriKind.Relative), content: null);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.All(lines[..^1], line => Assert.NotNull(JsonNode.Parse(line)!["progress"]!["phase"]));
        var result = JsonNode.Parse(lines[^1])!["result"]!;
        Assert.True(result["matches"]!.GetValue<bool>());
        Assert.Equal(plain["records"]!.GetValue<long>(), result["records"]!.GetValue<long>());
        Assert.Equal(plain["recounted"]!.ToJsonString(), result["recounted"]!.ToJsonString());
    }

    [Fact]
    public async Task Recount_BadProgressFlagOrUnknownSite_AnswersProblemNotStream()
    {
        var tree = await _api.CreateTreeAsync();

        var (bad, badBody, _) = await _api.PostAsync($"/api/indicators/{tree.Village}/recount?progress=soon", null);
        var (unknown, unknownBody, _) = await _api.PostAsync("/api/indicators/NOPE-RECOUNT/recount?progress=true", null);

        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal(["progress"], ApiDriver.ErrorFields(badBody));
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(["siteCode"], ApiDriver.ErrorFields(unknownBody));
    }

    /// <summary>Recounts until every tier caught up with the records (the silo is another process: poll with a deadline).</summary>
    private async Task<JsonNode> RecountUntilMatchesAsync(string path)
    {
        var deadline = DateTime.UtcNow + Propagation;
        while (true)
        {
            var (status, body, _) = await _api.PostAsync(path, null);
            Assert.Equal(HttpStatusCode.OK, status);
            if (body!["matches"]!.GetValue<bool>())
            {
                return body;
            }
            Assert.True(DateTime.UtcNow < deadline, $"no match within {Propagation.TotalSeconds:F0} s: {body["differences"]}");
            await Task.Delay(200);
        }
    }
}
