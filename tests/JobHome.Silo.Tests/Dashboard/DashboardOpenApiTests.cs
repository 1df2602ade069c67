using System.Net;
using JobHome.Silo.Tests.Api;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Dashboard;

/// <summary>The OpenAPI document lists every dashboard and fair endpoint with its method.</summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardOpenApiTests(RunningSiloFixture fixture)
{
    private readonly ApiDriver _api = new(fixture.Silo.Http);

    [Theory]
    [InlineData("/api/sites/search", "get")]
    [InlineData("/api/sites/{code}/path", "get")]
    [InlineData("/api/sites/{code}/card", "get")]
    [InlineData("/api/sites/{code}/children/indicators", "get")]
    [InlineData("/api/sites/{code}/map", "get")]
    [InlineData("/api/sites/{code}/occupations", "get")]
    [InlineData("/api/sites/{code}/export", "get")]
    [InlineData("/api/seekers/{id}/history", "get")]
    [InlineData("/api/fairs", "post")]
    [InlineData("/api/fairs/{id}", "get")]
    [InlineData("/api/fairs/{id}/assignment.csv", "get")]
    [InlineData("/api/fairs/{id}/recommendations.csv", "get")]
    public async Task OpenApi_Document_ListsTheEndpoint(string path, string method)
    {
        var (status, body, _) = await _api.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, status);
        var operation = body!["paths"]![path]?[method];
        Assert.True(operation is not null, $"{method} {path} is not in the document");
        Assert.False(string.IsNullOrEmpty(operation!["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
    }
}
