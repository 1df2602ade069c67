using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text;
using JobHome.Cli.Recount;

namespace JobHome.Cli.Tests.Recount;

/// <summary>
/// <c>jobhome recount</c> against a recording HTTP transport (the endpoint itself is tested against a running silo in
/// JobHome.Silo.Tests/Api/RecountApiTests): the request it sends, what it prints, its exit codes. The answer is streamed as
/// newline-delimited JSON: progress lines, then the result line.
/// </summary>
public sealed class RecountCommandTests
{
    private const string Differing = """
        {"siteCode":"360722","matches":false,"repaired":false,
         "live":{"asOf":"2026-11-29","employed":5,"unemployed":2,"unemployedOver3Months":1,"zeroEmploymentHouseholds":0,
                 "zeroEmploymentHouseholdsOverdue":0,"openPosts":1,"openings":3,"placements":4},
         "recounted":{"asOf":"2026-11-29","employed":6,"unemployed":2,"unemployedOver3Months":1,"zeroEmploymentHouseholds":0,
                 "zeroEmploymentHouseholdsOverdue":0,"openPosts":1,"openings":3,"placements":4},
         "sites":3,"records":40,"corrected":0,
         "differences":[{"siteCode":"36072201","indicator":"employed","live":5,"recounted":6}]}
        """;

    [Fact]
    public async Task Recount_Differences_PrintsThemAndExits4()
    {
        var transport = new Recording(HttpStatusCode.OK, Stream(Differing), "application/x-ndjson");

        var (exit, output, _) = await RunAsync(transport, "recount", "--url", "http://silo.test:5080", "--site", "360722");

        Assert.Equal(RecountCommand.Differs, exit);
        Assert.Equal(HttpMethod.Post, transport.Method);
        Assert.Equal("http://silo.test:5080/api/indicators/360722/recount?progress=true", transport.Uri!.AbsoluteUri);
        Assert.Contains("aggregates differ from the recount", output, StringComparison.Ordinal);
        Assert.Contains("differs at 36072201: employed live 5, recounted 6", output, StringComparison.Ordinal);
        Assert.Matches(@"employed\s+5\s+6\s+≠", output);
        Assert.Matches(@"placements\s+4\s+4\r?\n", output);
    }

    [Fact]
    public async Task Recount_RepairMatching_SendsRepairAndExits0()
    {
        var body = Differing.Replace("\"matches\":false", "\"matches\":true", StringComparison.Ordinal)
            .Replace("\"repaired\":false", "\"repaired\":true", StringComparison.Ordinal)
            .Replace("\"corrected\":0", "\"corrected\":2", StringComparison.Ordinal);
        var transport = new Recording(HttpStatusCode.OK, Stream(body), "application/x-ndjson");

        var (exit, output, _) = await RunAsync(transport, "recount", "--url", "http://silo.test:5080", "--site", "360722", "--repair");

        Assert.Equal(0, exit);
        Assert.Equal("?progress=true&repair=true", transport.Uri!.Query);
        Assert.Contains("every aggregator equals the recount", output, StringComparison.Ordinal);
        Assert.Contains("2 entries corrected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recount_ProgressLines_ShownOnStandardErrorBeforeTheAnswer()
    {
        var progress = """{"progress":{"phase":"count","sites":219,"sitesDone":120,"records":45210,"elapsedMs":12345}}""";
        var transport = new Recording(HttpStatusCode.OK, progress + "\n" + Stream(Differing), "application/x-ndjson");

        var (exit, output, error) = await RunAsync(transport, "recount", "--url", "http://silo.test:5080", "--site", "360722");

        Assert.Equal(RecountCommand.Differs, exit);
        Assert.Contains("recount: count 120 of 219 sites, 45,210 records read, 12.3 s", error, StringComparison.Ordinal);
        Assert.Contains("differs at 36072201", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recount_ErrorLine_ReportedAndExits5()
    {
        var transport = new Recording(HttpStatusCode.OK, """{"error":"recount failed (重新统计失败): TimeoutException: slow"}""",
            "application/x-ndjson");

        var (exit, _, error) = await RunAsync(transport, "recount", "--url", "http://silo.test:5080", "--site", "360722");

        Assert.Equal(RecountCommand.Unreachable, exit);
        Assert.Contains("jobhome recount: recount failed (重新统计失败): TimeoutException: slow", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recount_UnknownSite_PrintsTheProblemAndExits2()
    {
        var transport = new Recording(HttpStatusCode.NotFound, """
            {"title":"Not found","status":404,"errors":[{"field":"siteCode","value":"NOPE","problem":"does not exist","rule":"site"}]}
            """, "application/problem+json");

        var (exit, _, error) = await RunAsync(transport, "recount", "--url", "http://silo.test:5080", "--site", "NOPE");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("jobhome recount:", error, StringComparison.Ordinal);
        Assert.Contains("siteCode", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recount_NothingListening_Exits5()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exit, _, error) = await RunAsync(null, "recount", "--url", $"http://127.0.0.1:{port}", "--site", "360722");

        Assert.Equal(RecountCommand.Unreachable, exit);
        Assert.Contains("jobhome recount:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recount_BadUrl_ExitsWithUsage()
    {
        var (exit, _, error) = await RunAsync(null, "recount", "--url", "silo:5080", "--site", "360722");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--url", error, StringComparison.Ordinal);
    }

    // The result line of the streamed answer (one line of JSON).
    private static string Stream(string result) => "{\"result\":" + result.ReplaceLineEndings(string.Empty) + "}\n";

    private static async Task<(int Exit, string Output, string Error)> RunAsync(HttpMessageHandler? transport, params string[] args)
    {
        var root = new RootCommand { RecountCommand.Create(transport) };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private sealed class Recording(HttpStatusCode status, string body, string mediaType = "application/json") : HttpMessageHandler
    {
        public HttpMethod? Method { get; private set; }

        public Uri? Uri { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Method = request.Method;
            Uri = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
        }
    }
}
