using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Dashboard;

/// <summary>The fair upload limit, on a silo of its own started with a 4 KiB limit (JobHome:Fairs:MaxUploadBytes).</summary>
public sealed class FairLimitTests : IAsyncLifetime
{
    private const long Limit = 4096;

    private SiloProcess? _silo;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(new Dictionary<string, string> { ["JobHome__Fairs__MaxUploadBytes"] = "4096" });
        await _silo.WaitUntilReadyAsync();
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _silo?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PostFair_UploadOverTheLimit_Returns413NamingTheLimit()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.ASCII.GetBytes(new string('x', (int)Limit + 100))), "seekers", "seekers.csv" },
            { new StringContent("id\n"), "posts", "posts.csv" },
        };

        using var response = await _silo!.Http.PostAsync(new Uri("/api/fairs", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(body!["errors"]!.AsArray());
        Assert.Equal("(body)", error!["field"]!.GetValue<string>());
        Assert.Contains("4,096 bytes", error["problem"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("JobHome:Fairs:MaxUploadBytes", error["rule"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostFair_UploadUnderTheLimit_IsAccepted()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("id,name\n"), "seekers", "seekers.csv" },
            { new StringContent("id\n"), "posts", "posts.csv" },
        };

        using var response = await _silo!.Http.PostAsync(new Uri("/api/fairs", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
