using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Endpoints;

/// <summary>
/// A real embedded silo runs the Orleans Dashboard's per-second telemetry only once the dashboard is used: not from the
/// start, from the first request under <c>/orleans</c> on, and the dashboard then shows the silo's Orleans counters and,
/// through the gate that keeps grain calls out of its profiler while profiling is off, the silo's own grain calls.
/// </summary>
public sealed partial class OrleansDashboardOnDemandTests(RunningSiloFixture fixture) : IClassFixture<RunningSiloFixture>
{
    // The dashboard's exporter reports every second; a loaded test machine may take a few.
    private static readonly TimeSpan CountersDeadline = TimeSpan.FromSeconds(60);

    // OpenTelemetry's Prometheus exporter serves scrapes from a cache for 300 ms (its default); with a margin.
    private static readonly TimeSpan ScrapeCacheWindow = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task Dashboard_FirstRequest_StartsTheTelemetryAndItsCountersAndGrainProfilesArrive()
    {
        Assert.Equal(0, await TelemetryGaugeAsync());

        using var first = await fixture.Silo.Http.GetAsync(new Uri("/orleans/DashboardCounters", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // The gauge is set before the request is answered, but the Prometheus exporter answers a scrape within 300 ms
        // of the previous one with that one's text: the next scrape comes after that window.
        await Task.Delay(ScrapeCacheWindow);
        Assert.Equal(1, await TelemetryGaugeAsync());

        var silo = await PollAsync("/orleans/DashboardCounters", static json =>
            json.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("siloAddress").GetString()).FirstOrDefault());
        var counters = await PollAsync($"/orleans/SiloCounters/{Uri.EscapeDataString(silo)}", static json =>
            json.EnumerateArray().Select(c => c.GetProperty("name").GetString()).FirstOrDefault(n => n?.StartsWith("orleans", StringComparison.OrdinalIgnoreCase) == true));
        Assert.StartsWith("orleans", counters, StringComparison.OrdinalIgnoreCase);

        // The dashboard's queries turned its profiler on: calls to the product's grains (a site looked up through the
        // API, after signing in) reach the profiler and show among its top methods (Orleans' own grains left out).
        await fixture.Silo.SignInAsAdminAsync(CountersDeadline);
        var profiled = await PollAsync("/orleans/TopGrainMethods?exclude=Orleans.", json => ProductGrainMethod(json), before: async () =>
        {
            using var site = await fixture.Silo.Http.GetAsync(new Uri("/api/sites/profiled-site-unknown", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, site.StatusCode);
        });
        Assert.Contains("JobHome.", profiled, StringComparison.Ordinal);
    }

    // The first "grain.method" of the product's grains among the dashboard's most called methods.
    private static string? ProductGrainMethod(JsonElement json) =>
        json.GetProperty("calls").EnumerateArray()
            .Select(c => $"{c.GetProperty("grain").GetString()}.{c.GetProperty("method").GetString()}")
            .FirstOrDefault(name => name.StartsWith("JobHome.", StringComparison.Ordinal));

    // Asks the dashboard like its page does (about once a second) until read finds a value in the answer.
    private async Task<string> PollAsync(string path, Func<JsonElement, string?> read, Func<Task>? before = null)
    {
        var deadline = DateTime.UtcNow + CountersDeadline;
        var uri = new Uri(path, UriKind.Relative);
        while (true)
        {
            if (before is not null)
            {
                await before();
            }
            using var response = await fixture.Silo.Http.GetAsync(uri);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(body);
            if (read(json.RootElement) is { Length: > 0 } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline,
                $"{path} still without what the test waits for {CountersDeadline.TotalSeconds} s after the dashboard's first "
                + $"request: {body}\n{fixture.Silo.Describe()}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private async Task<int> TelemetryGaugeAsync()
    {
        using var response = await fixture.Silo.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = Gauge().Match(body);
        Assert.True(match.Success, $"/metrics has no jobhome_silo_orleans_dashboard_telemetry line:\n{body}");
        return int.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^jobhome_silo_orleans_dashboard_telemetry(\{[^}]*\})? (?<value>\d+)", RegexOptions.Multiline)]
    private static partial Regex Gauge();
}
