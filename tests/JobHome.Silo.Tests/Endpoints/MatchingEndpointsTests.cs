using JobHome.Silo.Tests.Fixtures;
using System.Net;
using System.Text.Json;
using JobHome.Domain.Employers;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Grains.Employers;
using JobHome.Grains.Hosting;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Silo.Api;
using JobHome.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace JobHome.Silo.Tests.Endpoints;

/// <summary>The matching endpoints on a test server over an in-process silo (in-memory stores).</summary>
public sealed class MatchingEndpointsTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
            silo.UseInMemoryReminderService();
            silo.AddMemoryStreams(StorageNames.Streams);
            silo.Services.AddJobHomeGrains();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseTestServer();
        web.Services.AddSingleton(_cluster.Client);
        web.Services.AddProblemDetails();
        _app = web.Build();
        _app.MapMatchingEndpoints();
        await _app.StartAsync();
        _http = _app.GetTestClient();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _cluster.DisposeAsync();
    }

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
        var client = _cluster.Client;
        await TestSiteTree.RegisterAsync(client, "M");
        var employer = UnifiedSocialCreditCode.Create("91360722000000017").Value;
        Assert.True((await client.GetGrain<IEmployerGrain>(employer).RegisterAsync(new EmployerProfile("测试公司", "VM", 25.4, 114.9))).Succeeded);
        var post = new PostProfile("VM", employer, "焊工", "6-25-04-01", 2, 6000, 7000, 25.4, 114.9, WorkKind.FullTime) { Skills = ["焊接"] };
        Assert.True((await client.GetGrain<IPostGrain>("post-m1").OpenAsync(post)).Succeeded);
        var birth = new DateOnly(1990, 4, 2);
        var idCard = IdCardNumber.Create("360722", birth, 7);
        var registration = new SeekerRegistration("VM", "李明", idCard.RevealFullNumber(), birth, idCard.Gender, EducationLevel.Senior,
            LabourStatus.Unemployed, new DateOnly(2026, 1, 5))
        {
            Occupations = ["6-25-04-01"],
            Skills = ["焊接"],
            ExpectedPayMin = 5000m,
            Lat = 25.4,
            Lon = 114.9,
        };
        var registered = await client.GetGrain<ISeekerGrain>("seeker-m1").RegisterAsync(registration);
        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors));
        return ("seeker-m1", "post-m1");
    }
}
