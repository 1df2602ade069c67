using System.Net;
using System.Text;
using System.Text.Json;
using JobHome.Cli.Http;

namespace JobHome.Cli.Tests.Http;

public sealed class ApiClientTests
{
    private static readonly Uri Base = new("http://silo.test/");

    [Fact]
    public async Task PostAsync_ProblemDetails_ThrowsOneLineWithEveryFieldError()
    {
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.BadRequest, """
            {"type":"https://jobhome.example/problems/invalid-input","title":"The request has invalid fields.","status":400,
             "detail":"openings: must be at least 1","errors":[
               {"field":"openings","value":"-2","problem":"must be at least 1","rule":"openings (招聘人数)"},
               {"field":"idNumber","value":"3607**********1234","problem":"is already registered","rule":"实名制"}]}
            """, "application/problem+json"));
        using var client = new ApiClient(Base, ApiCredentials.None, handler);

        var error = await Assert.ThrowsAsync<ApiException>(() => client.PostAsync<JsonElement>("api/posts", new { openings = -2 }, default));

        Assert.Equal(400, error.Status);
        Assert.Equal("POST /api/posts → 400 Bad Request: The request has invalid fields.: openings \"-2\": must be at least 1 "
            + "[openings (招聘人数)]; idNumber \"3607**********1234\": is already registered [实名制]", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task PostAsync_Conflict_NamesTheConflictingRecord()
    {
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.Conflict,
            """{"title":"Refused by a rule of the records.","conflictingId":"S42","errors":[]}""", "application/problem+json"));
        using var client = new ApiClient(Base, ApiCredentials.None, handler);

        var error = await Assert.ThrowsAsync<ApiException>(() => client.PostAsync<JsonElement>("api/seekers", new { }, default));

        Assert.Equal(409, error.Status);
        Assert.Contains("(conflicting record S42)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_Unauthorized_SaysHowToSignIn()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized));
        using var client = new ApiClient(Base, ApiCredentials.None, handler);

        var error = await Assert.ThrowsAsync<ApiException>(() => client.GetAsync<JsonElement>("api/indicators/360000", default));

        Assert.Equal(401, error.Status);
        Assert.Contains("--token", error.Message, StringComparison.Ordinal);
        Assert.Contains(ApiCredentials.PasswordVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_Token_SendsBearerHeader()
    {
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.OK, """{"placements":3}"""));
        using var client = new ApiClient(Base, new ApiCredentials("t0k", null, null), handler);

        var body = await client.GetAsync<JsonElement>("/api/indicators/360000", default);

        Assert.Equal(3, body.GetProperty("placements").GetInt32());
        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer t0k", request.Authorization);
        Assert.Equal("http://silo.test/api/indicators/360000", request.Uri);
    }

    [Fact]
    public async Task Calls_User_SignInOnceAtTokenEndpointThenBearer()
    {
        var handler = new ScriptedHandler(request => request.RequestUri!.AbsolutePath == "/api/auth/token"
            ? Json(HttpStatusCode.OK, """{"accessToken":"abc","expiresIn":3600}""")
            : Json(HttpStatusCode.OK, "{}"));
        using var client = new ApiClient(Base, new ApiCredentials(null, "ops", "s3cret"), handler);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetAsync<JsonElement>("api/sites/360000", default)));

        Assert.Equal(6, handler.Requests.Count);
        var signIn = Assert.Single(handler.Requests, r => r.Uri.EndsWith("/api/auth/token", StringComparison.Ordinal));
        Assert.Equal("POST", signIn.Method);
        Assert.Equal("""{"username":"ops","password":"s3cret"}""", signIn.Body);
        Assert.All(handler.Requests.Where(r => r != signIn), r => Assert.Equal("Bearer abc", r.Authorization));
    }

    [Fact]
    public async Task Calls_SignInRefused_ThrowsNamingTheUser()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized));
        using var client = new ApiClient(Base, new ApiCredentials(null, "ops", "wrong"), handler);

        var error = await Assert.ThrowsAsync<ApiException>(() => client.GetAsync<JsonElement>("api/sites/360000", default));

        Assert.StartsWith("sign-in as ops refused (登录失败)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ServerDown_StatusZeroCannotReach()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("Connection refused"));
        using var client = new ApiClient(Base, ApiCredentials.None, handler);

        var error = await Assert.ThrowsAsync<ApiException>(() => client.GetAsync<JsonElement>("api/sites/1", default));

        Assert.Equal(0, error.Status);
        Assert.StartsWith("cannot reach http://silo.test/: Connection refused", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080/")]
    [InlineData("https://jobhome.example/base/", "https://jobhome.example/base/")]
    [InlineData("http://h/base", "http://h/base/")]
    public void TryParseBaseUrl_Absolute_AddsTrailingSlash(string text, string expected)
    {
        Assert.True(ApiClient.TryParseBaseUrl(text, out var uri, out var problem), problem);
        Assert.Equal(expected, uri!.AbsoluteUri);
    }

    [Theory]
    [InlineData("localhost:5080")]
    [InlineData("ftp://h/")]
    [InlineData("/api")]
    [InlineData("http://h/?x=1")]
    public void TryParseBaseUrl_NotHttpBase_ProblemNamesOption(string text)
    {
        Assert.False(ApiClient.TryParseBaseUrl(text, out _, out var problem));
        Assert.StartsWith("--url must be an absolute http:// or https:// address", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_UserWithoutPassword_Problem()
    {
        var credentials = ApiCredentials.From(null, "ops", _ => null, out var problem);
        Assert.Same(ApiCredentials.None, credentials);
        Assert.Equal("--user ops needs the password in the environment variable JOBHOME_PASSWORD", problem);
    }

    [Fact]
    public void Credentials_TokenOptionWinsOverEnvironment_EnvironmentIsFallback()
    {
        var environment = new Dictionary<string, string?> { [ApiCredentials.TokenVariable] = "from-env" };
        Assert.Equal("opt", ApiCredentials.From("opt", null, n => environment.GetValueOrDefault(n), out _).Token);
        Assert.Equal("from-env", ApiCredentials.From(null, null, n => environment.GetValueOrDefault(n), out _).Token);
        ApiCredentials.From("opt", "ops", n => environment.GetValueOrDefault(n), out var both);
        Assert.Equal("give either --token or --user, not both", both);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    private sealed record Seen(string Method, string Uri, string? Authorization, string? Body);

    /// <summary>Answers every request with the script and records what was sent.</summary>
    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        private readonly Lock _lock = new();
        private readonly List<Seen> _requests = [];

        public IReadOnlyList<Seen> Requests
        {
            get
            {
                lock (_lock)
                {
                    return [.. _requests];
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (_lock)
            {
                _requests.Add(new Seen(request.Method.Method, request.RequestUri!.AbsoluteUri, request.Headers.Authorization?.ToString(),
                    body));
            }
            var response = answer(request);
            response.RequestMessage = request;
            return response;
        }
    }
}
