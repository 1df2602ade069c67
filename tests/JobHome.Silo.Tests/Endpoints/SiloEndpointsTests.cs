using System.Net;
using System.Text.Json;
using JobHome.Silo.Tests.Fixtures;
using Xunit.Abstractions;

namespace JobHome.Silo.Tests.Endpoints;

/// <summary>The HTTP surface of a real embedded silo started on an empty data folder.</summary>
public sealed class SiloEndpointsTests(RunningSiloFixture fixture, ITestOutputHelper output) : IClassFixture<RunningSiloFixture>
{
    [Fact]
    public async Task HealthReady_EmptyDataFolder_Returns200WithinDeadline()
    {
        output.WriteLine($"time to ready: {fixture.TimeToReady.TotalSeconds:F2} s");
        Assert.True(fixture.TimeToReady < RunningSiloFixture.ReadyDeadline);

        using var response = await fixture.Silo.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("silo").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthLive_Running_Returns200()
    {
        using var response = await fixture.Silo.Http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_Running_ServesPrometheusTextWithOrleansAndJobHomeMetrics()
    {
        using var response = await fixture.Silo.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\norleans_catalog_activations", body, StringComparison.Ordinal);
        Assert.Contains("\njobhome_silo_active", body, StringComparison.Ordinal);
        // .NET's own runtime meter: GC pauses and the thread-pool queue (docs/silo.md, "Long turns and slow calls").
        Assert.Contains("\ndotnet_gc_pause_time_seconds_total", body, StringComparison.Ordinal);
        Assert.Contains("\ndotnet_thread_pool_queue_length_total", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_Running_ServesOrleansDashboardPage()
    {
        using var response = await fixture.Silo.Http.GetAsync(new Uri("/orleans/", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Orleans", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Start_EmptyDataFolder_PrintsServingLineAndCreatesDatabase()
    {
        var expected = $"JobHome silo serving on {fixture.Silo.BaseAddress.ToString().TrimEnd('/')}";

        Assert.Contains(expected, fixture.Silo.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(fixture.Silo.DataDirectory, "jobhome.db")), fixture.Silo.Describe());
        Assert.Equal(string.Empty, fixture.Silo.StandardError);
    }
}
