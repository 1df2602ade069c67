using JobHome.Silo.Tests.Fixtures;
using System.Net;
using System.Text.Json;
using JobHome.Grains.Hosting;
using JobHome.Grains.Posts;
using JobHome.Silo.Api;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Silo.Tests.Endpoints;

/// <summary>The matching endpoints on a test server over an in-process silo (in-memory stores).</summary>
public sealed class MatchingEndpointsTests : IAsyncLifetime
{
    private InMemorySilo _silo = null!;
    private HttpClient _http = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = await InMemorySilo.StartAsync(services => services.AddJobHomeGrains());
        _http = await _silo.StartApiAsync(app => app.MapMatchingEndpoints());
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Theory]
    [InlineData("/api/seekers/nobody/recommendations")]
    [InlineData("/api/posts/nopost/candidates?k=5")]
    public async Task Get_UnknownId_404ProblemDetails(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/seekers/any/recommendations?k=0")]
    [InlineData("/api/seekers/any/recommendations?k=101")]
    [InlineData("/api/posts/any/candidates?k=abc")]
    public async Task Get_KOutOfRange_400NamingK(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("errors").GetProperty("k").ValueKind);
    }

    [Fact]
    public async Task Get_SeekerAndPostMatch_ItemsWithScoreAndFactors()
    {
        var (seekerId, postId) = await SeekerAndPostAsync();

        using var recommendations = await _http.GetAsync(new Uri($"/api/seekers/{seekerId}/recommendations?k=3", UriKind.Relative));
        using var candidates = await _http.GetAsync(new Uri($"/api/posts/{postId}/candidates", UriKind.Relative));
        using var posts = JsonDocument.Parse(await recommendations.Content.ReadAsStringAsync());
        using var seekers = JsonDocument.Parse(await candidates.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, recommendations.StatusCode);
        var item = Assert.Single(posts.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(postId, item.GetProperty("postId").GetString());
        Assert.InRange(item.GetProperty("score").GetDouble(), 0.9, 1.0);
        var factor = item.GetProperty("factors")[0];
        Assert.Equal("occupation", factor.GetProperty("factor").GetString());
        Assert.StartsWith("职业匹配", factor.GetProperty("chinese").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("occupation match", factor.GetProperty("english").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, candidates.StatusCode);
        Assert.Equal(seekerId, Assert.Single(seekers.RootElement.GetProperty("items").EnumerateArray()).GetProperty("seekerId").GetString());
    }

    private async Task<(string SeekerId, string PostId)> SeekerAndPostAsync()
    {
        var client = _silo.Client;
        await TestSiteTree.RegisterAsync(client, "M");
        await TestMarket.RegisterEmployerAsync(client, "VM");
        Assert.True((await client.GetGrain<IPostGrain>("post-m1").OpenAsync(TestMarket.WelderPost("VM", "6-25-04-01", 2))).Succeeded);
        await TestMarket.RegisterAsync(client, "seeker-m1", TestMarket.Welder("VM", 7, "6-25-04-01"));
        return ("seeker-m1", "post-m1");
    }
}
