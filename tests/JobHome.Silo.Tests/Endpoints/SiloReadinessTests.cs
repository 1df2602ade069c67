using System.Net;
using System.Text.Json;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Endpoints;

/// <summary>Readiness follows the store: a silo whose database has gone answers 503 and says which check failed.</summary>
public sealed class SiloReadinessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task HealthReady_DatabaseFileRemoved_Returns503NamingDatabaseCheck()
    {
        using var silo = SiloProcess.Start();
        await silo.WaitUntilReadyAsync();

        File.Delete(Path.Combine(silo.DataDirectory, "jobhome.db"));
        var (status, body) = await PollReadyUntilAsync(silo, HttpStatusCode.ServiceUnavailable);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Contains("jobhome.db", checks.GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", checks.GetProperty("silo").GetProperty("status").GetString());

        using var live = await silo.Http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PollReadyUntilAsync(SiloProcess silo, HttpStatusCode expected)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            using var response = await silo.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == expected || DateTime.UtcNow > until)
            {
                return (response.StatusCode, body);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
