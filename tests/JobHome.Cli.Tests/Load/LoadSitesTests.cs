using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using JobHome.Cli.Http;
using JobHome.Cli.Load;

namespace JobHome.Cli.Tests.Load;

/// <summary>
/// The load client's own costs against a scripted HTTP transport: the site walk asks only sites that can have children,
/// and the run's posts are spread over <see cref="LoadRunner.Employers"/> employers instead of queuing on one.
/// </summary>
public sealed class LoadSitesTests
{
    private static readonly Uri Base = new("http://silo.test/");

    [Fact]
    public async Task CollectAsync_NeverAsksVillagesOrCommunities_AndReturnsThemInCodeOrderWithLocations()
    {
        var tree = Province();
        using var handler = new Scripted(tree.Answer);
        using var client = new ApiClient(Base, ApiCredentials.None, handler);

        var sites = await LoadSites.CollectAsync(client, "360000", default);

        // Asked: the province, the city, 2 counties, 4 townships and the school — never one of the 16 leaves.
        Assert.Equal(9, sites.Requests);
        Assert.Equal(9, tree.Asked.Count);
        Assert.DoesNotContain(tree.Asked, code => code.Length == 12);
        string[] leaves = [.. tree.Kinds.Where(k => k.Value is "village" or "community").Select(k => k.Key).Order(StringComparer.Ordinal)];
        Assert.Equal(16, leaves.Length);
        Assert.Equal(leaves, sites.Codes);
        Assert.All(sites.Codes, code => Assert.Equal(tree.Location(code), sites.Locations[code]));
    }

    [Fact]
    public async Task RunAsync_SpreadsPostsOverItsEmployers_AndAsksNoLeafForChildren()
    {
        var tree = Province();
        var employers = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var postsByEmployer = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var ids = 0;
        using var handler = new Scripted(request =>
        {
            if (tree.AnswerRead(request) is { } read)
            {
                return read;
            }
            var path = request.RequestUri!.AbsolutePath;
            using var body = JsonDocument.Parse(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            if (path == "/api/employers")
            {
                employers.AddOrUpdate(body.RootElement.GetProperty("creditCode").GetString()!, 1, (_, n) => n + 1);
            }
            else if (path == "/api/posts")
            {
                postsByEmployer.AddOrUpdate(body.RootElement.GetProperty("employerCode").GetString()!, 1, (_, n) => n + 1);
            }
            return Json($$"""{"id":"r-{{Interlocked.Increment(ref ids)}}"}""", HttpStatusCode.Created);
        });
        using var client = new ApiClient(Base, ApiCredentials.None, handler);

        await new LoadRunner(client, "360000", rate: 40, seconds: 1, seed: 3, new Progress<long>()).RunAsync(default);

        Assert.Equal(LoadRunner.Employers, employers.Count);
        Assert.All(employers.Values, n => Assert.Equal(1, n));
        // The warm-up's posts alone (rate / 20, at least 2) plus the run's; every one names a registered employer, and they
        // do not all go to one.
        Assert.True(postsByEmployer.Values.Sum() >= 2);
        Assert.All(postsByEmployer.Keys, code => Assert.Contains(code, employers.Keys));
        Assert.True(postsByEmployer.Count > 1, $"posts went to {postsByEmployer.Count} employer(s)");
        Assert.DoesNotContain(tree.Asked, code => code.Length == 12);
    }

    [Fact]
    public async Task RunAsync_WarmUpRegistrationsFail500_CountsThemAsErrors_AndRunsToTheEnd()
    {
        // A silo rebuilding its partitions right after a restart fails some of the first registrations (500, a grain call
        // timed out); the run used to stop there with an exception and no report.
        var tree = Province();
        var registrations = 0;
        var ids = 0;
        using var handler = new Scripted(request =>
        {
            if (tree.AnswerRead(request) is { } read)
            {
                return read;
            }
            var path = request.RequestUri!.AbsolutePath;
            if (path == "/api/seekers" && Interlocked.Increment(ref registrations) % 4 == 0)
            {
                return new HttpResponseMessage(HttpStatusCode.InternalServerError);
            }
            return Json($$"""{"id":"r-{{Interlocked.Increment(ref ids)}}"}""", HttpStatusCode.Created);
        });
        using var client = new ApiClient(Base, ApiCredentials.None, handler);

        var report = await new LoadRunner(client, "360000", rate: 40, seconds: 1, seed: 5, new Progress<long>()).RunAsync(default);

        // 20 warm-up registrations, every fourth failed: 5 counted as the run's errors, 15 done.
        Assert.Equal(5, report.Errors["warm-up registration 500"]);
        Assert.Equal(15, report.WarmUpSeekers);
        Assert.Equal(2, report.WarmUpPosts);
        Assert.True(report.ErrorCount > 5, "the timed run's failed registrations are counted too");
    }

    // 360000 province → 360100 city → 2 counties → 2 townships each → 3 villages and 1 community each; one school under
    // the first county (asked: it is not a leaf kind; it has no children).
    private static ScriptedTree Province()
    {
        var children = new Dictionary<string, List<(string Code, string Kind)>>(StringComparer.Ordinal)
        {
            ["360000"] = [("360100", "city")],
            ["360100"] = [("360101", "county"), ("360102", "county")],
        };
        children["360101"] = [("360101S01", "school")];
        children["360102"] = [];
        children["360101S01"] = [];
        foreach (var county in new[] { "360101", "360102" })
        {
            for (var t = 1; t <= 2; t++)
            {
                var township = $"{county}{t:000}";
                children[county].Add((township, "township"));
                children[township] = [];
                for (var v = 1; v <= 4; v++)
                {
                    children[township].Add(($"{township}{v:000}", v == 4 ? "community" : "village"));
                }
            }
        }
        return new ScriptedTree(children);
    }

    private static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private sealed class ScriptedTree(Dictionary<string, List<(string Code, string Kind)>> children)
    {
        public ConcurrentBag<string> Asked { get; } = [];

        public Dictionary<string, string> Kinds { get; } = children.Values.SelectMany(c => c)
            .ToDictionary(c => c.Code, c => c.Kind, StringComparer.Ordinal);

        public (double Lat, double Lon) Location(string code) => (25 + code.Length / 100.0, 114 + (code[^1] - '0') / 100.0);

        // A run's reads: the site walk and the province's indicators (no placements yet); any other read is 404.
        // Null for a POST, which the test answers.
        public HttpResponseMessage? AnswerRead(HttpRequestMessage request)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Get && path.EndsWith("/children", StringComparison.Ordinal))
            {
                return Answer(request);
            }
            if (request.Method == HttpMethod.Get && path == "/api/indicators/360000")
            {
                return Json("""{"placements":0}""");
            }
            return request.Method == HttpMethod.Post ? null : new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        public HttpResponseMessage Answer(HttpRequestMessage request)
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/');
            var code = segments[^2];
            Asked.Add(code);
            if (!children.TryGetValue(code, out var list))
            {
                return Json("[]");
            }
            var items = list.Select(c => new { code = c.Code, kind = c.Kind, lat = Location(c.Code).Lat, lon = Location(c.Code).Lon });
            return Json(JsonSerializer.Serialize(items));
        }
    }

    private sealed class Scripted(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
