using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using JobHome.Silo.Tests.Api;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Dashboard;

/// <summary>Fairs run in the silo as background jobs: uploads, registered subtrees, progress, downloads and refusals.</summary>
[Collection(ApiCollection.Name)]
public sealed class FairApiTests(RunningSiloFixture fixture)
{
    private const string SeekerHeader = "id,name,birth_date,gender,education,occupations,skills,expected_pay_min,lat,lon,rural,availability,"
        + "key_groups";
    private const string PostHeader = "id,employer,title,occupation,openings,pay_min,pay_max,lat,lon,kind,min_education,age_min,age_max,skills";

    /// <summary>How long a small fair may take on a loaded machine (the job runs in the silo's background).</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly ApiDriver _api = new(fixture.Silo.Http);

    [Fact]
    public async Task PostFair_UploadedFiles_RunsToDoneWithSummaryAndDownloads()
    {
        var seekers = Table(SeekerHeader, Seeker("S1"), Seeker("S2"), Seeker("S3"));
        var posts = Table(PostHeader, Post("P1", 1), Post("P2", 1));

        var (status, body, response) = await UploadAsync(seekers, posts, "placements", "optimal");

        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = body!["id"]!.GetValue<string>();
        Assert.StartsWith("fr-", id, StringComparison.Ordinal);
        Assert.Equal($"/api/fairs/{id}", body["statusUrl"]!.GetValue<string>());
        Assert.Equal($"/api/fairs/{id}", response.Headers.Location!.OriginalString);
        var done = await WaitUntilFinishedAsync(id);
        Assert.Equal("done", done["state"]!.GetValue<string>());
        Assert.Equal("done", done["phase"]!.GetValue<string>());
        Assert.Equal(1.0, done["fraction"]!.GetValue<double>());
        Assert.Null(done["error"]);
        var summary = done["summary"]!;
        Assert.Equal(3, summary["seekers"]!.GetValue<int>());
        Assert.Equal(2, summary["posts"]!.GetValue<int>());
        Assert.Equal(2, summary["openings"]!.GetValue<long>());
        Assert.Equal(2, summary["offers"]!.GetValue<int>());
        Assert.InRange(summary["meanScore"]!.GetValue<double>(), 0.01, 1.0);
        Assert.Equal("placements", summary["objective"]!.GetValue<string>());
        Assert.Equal("optimal", summary["mode"]!.GetValue<string>());

        var assignment = await DownloadAsync($"/api/fairs/{id}/assignment.csv", $"fair-{id}-assignment.csv");
        var rows = assignment.TrimEnd('\n').Split('\n');
        Assert.Equal("seeker_id,post_id,score", rows[0]);
        Assert.Equal(2, rows.Length - 1);
        Assert.Equal(["P1", "P2"], rows.Skip(1).Select(r => r.Split(',')[1]).Order(StringComparer.Ordinal).ToArray());
        var recommendations = await DownloadAsync($"/api/fairs/{id}/recommendations.csv", $"fair-{id}-recommendations.csv");
        Assert.StartsWith("seeker_id,rank,post_id,score,factors\n", recommendations, StringComparison.Ordinal);
        Assert.Equal(6, recommendations.TrimEnd('\n').Split('\n').Length - 1);
    }

    [Fact]
    public async Task PostFair_BadRow_FailsNamingTheLineAndDownloadsAnswer409()
    {
        var seekers = Table(SeekerHeader, Seeker("S1"), Seeker("S2").Replace("1990-05-01", "1990-13-01", StringComparison.Ordinal));
        var posts = Table(PostHeader, Post("P1", 1));

        var (status, body, _) = await UploadAsync(seekers, posts, null, null);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = body!["id"]!.GetValue<string>();
        var failed = await WaitUntilFinishedAsync(id);
        Assert.Equal("failed", failed["state"]!.GetValue<string>());
        Assert.Null(failed["summary"]);
        Assert.Contains("line 3", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("birth_date", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var (download, problem, _) = await _api.GetAsync($"/api/fairs/{id}/assignment.csv");
        Assert.Equal(HttpStatusCode.Conflict, download);
        Assert.Equal(["id"], ApiDriver.ErrorFields(problem));
    }

    [Fact]
    public async Task PostFair_MissingFilesAndBadSettings_Returns400NamingEachField()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("total-ish"), "objective" },
            { new StringContent("greedy"), "mode" },
        };

        using var response = await _api.Http.PostAsync(new Uri("/api/fairs", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["objective", "mode", "seekers", "posts"], ApiDriver.ErrorFields(body));
    }

    [Fact]
    public async Task PostFair_RegisteredSubtree_MatchesUnemployedSeekersToOpenPosts()
    {
        var tree = await _api.CreateTreeAsync();
        var matched = new List<string>();
        foreach (var site in new[] { tree.Village, tree.Township })
        {
            var seeker = _api.SeekerBody(site, "unemployed", ApiDriver.Today.AddDays(-30));
            seeker["occupations"] = new[] { "6-25" };
            var (created, body, _) = await _api.PostAsync("/api/seekers", seeker);
            Assert.Equal(HttpStatusCode.Created, created);
            matched.Add(body!["id"]!.GetValue<string>());
        }
        await _api.RegisterSeekerAsync(tree.Village, "employed", ApiDriver.Today.AddDays(-30));
        var employer = await _api.RegisterEmployerAsync(tree.County);
        var post = await _api.OpenPostAsync(tree.Village, employer, 1);
        var closed = await _api.OpenPostAsync(tree.Village, employer, 3);
        await _api.PostAsync($"/api/posts/{closed}/close", null);

        var (status, submitted, _) = await _api.PostAsync("/api/fairs", new { siteCode = tree.County, objective = "score", mode = "stable" });

        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = submitted!["id"]!.GetValue<string>();
        var done = await WaitUntilFinishedAsync(id);
        Assert.True(done["state"]!.GetValue<string>() == "done", done.ToJsonString());
        var summary = done["summary"]!;
        Assert.Equal(2, summary["seekers"]!.GetValue<int>());
        Assert.Equal(1, summary["posts"]!.GetValue<int>());
        Assert.Equal(1, summary["openings"]!.GetValue<long>());
        Assert.Equal(1, summary["offers"]!.GetValue<int>());
        Assert.Equal("stable", summary["mode"]!.GetValue<string>());
        var assignment = await DownloadAsync($"/api/fairs/{id}/assignment.csv", $"fair-{id}-assignment.csv");
        var row = Assert.Single(assignment.TrimEnd('\n').Split('\n').Skip(1)).Split(',');
        Assert.Contains(row[0], matched);
        Assert.Equal(post, row[1]);
        _api.AssertNoPersonalDataReturned();
    }

    [Fact]
    public async Task PostFair_RegisteredUnknownOrMissingSite_Returns404Or400()
    {
        var (unknown, unknownBody, _) = await _api.PostAsync("/api/fairs", new { siteCode = "NOPE-FAIR" });
        var (missing, missingBody, _) = await _api.PostAsync("/api/fairs", new { objective = "score" });

        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(["siteCode"], ApiDriver.ErrorFields(unknownBody));
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal(["siteCode"], ApiDriver.ErrorFields(missingBody));
    }

    [Fact]
    public async Task GetFair_UnknownId_Returns404()
    {
        var (status, body, _) = await _api.GetAsync("/api/fairs/fr-nope");
        var (download, _, _) = await _api.GetAsync("/api/fairs/fr-nope/recommendations.csv");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["id"], ApiDriver.ErrorFields(body));
        Assert.Equal(HttpStatusCode.NotFound, download);
    }

    private static string Seeker(string id) =>
        string.Join(',', id, "张三", "1990-05-01", "M", "senior", "6-01-02", "焊工证", "3000", "25.386", "114.922", "1", "full_time", "");

    private static string Post(string id, int openings) =>
        string.Join(',', id, "信丰电子有限公司", "装配工", "6-01-02", openings.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "3500", "4500", "25.390", "114.930", "full_time", "junior", "18", "55", "");

    private static string Table(string header, params string[] rows) => header + "\n" + string.Join("\n", rows) + "\n";

    private async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> UploadAsync(string seekers, string posts,
        string? objective, string? mode)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(seekers, Encoding.UTF8, "text/csv"), "seekers", "seekers.csv" },
            { new StringContent(posts, Encoding.UTF8, "text/csv"), "posts", "posts.csv" },
        };
        if (objective is not null)
        {
            form.Add(new StringContent(objective), "objective");
        }
        if (mode is not null)
        {
            form.Add(new StringContent(mode), "mode");
        }
        var response = await _api.Http.PostAsync(new Uri("/api/fairs", UriKind.Relative), form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    private async Task<string> DownloadAsync(string path, string fileName)
    {
        using var response = await _api.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        ContentDispositionHeaderValue disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal(fileName, disposition.FileNameStar ?? disposition.FileName!.Trim('"'));
        return await response.Content.ReadAsStringAsync();
    }

    // The job runs on the silo's background worker: poll its status with a deadline; progress never goes backwards.
    private async Task<JsonNode> WaitUntilFinishedAsync(string id)
    {
        var until = DateTime.UtcNow + Deadline;
        var fraction = 0.0;
        JsonNode? last = null;
        while (DateTime.UtcNow < until)
        {
            var (status, body, _) = await _api.GetAsync($"/api/fairs/{id}");
            Assert.Equal(HttpStatusCode.OK, status);
            last = body!;
            var now = last["fraction"]!.GetValue<double>();
            Assert.True(now >= fraction, $"fraction went back from {fraction} to {now}");
            fraction = now;
            if (last["state"]!.GetValue<string>() is "done" or "failed")
            {
                return last;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"fair {id} did not finish within {Deadline}: {last}");
    }
}
