using System.Net;
using System.Text;
using JobHome.Cli.Http;
using JobHome.Cli.Probe;

namespace JobHome.Cli.Tests.Probe;

/// <summary>
/// <c>jobhome probe post-lists</c> against a scripted HTTP transport: a registration the server fails is counted and the
/// probe goes on until it has timed the seekers asked for.
/// </summary>
public sealed class PostListProbeTests
{
    private static readonly Uri Base = new("http://silo.test/");

    [Fact]
    public async Task RunAsync_SomeRegistrationsFail500_CountsThem_AndTimesTheRest()
    {
        // Every third registration fails as an overloaded silo's does (a grain call timed out: 500, empty body).
        var registrations = 0;
        using var handler = new Scripted(request =>
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Get && path == "/api/sites/360722101")
            {
                return Json("""{"code":"360722101","lat":25.33,"lon":114.67}""");
            }
            if (request.Method == HttpMethod.Post && path == "/api/seekers")
            {
                var n = Interlocked.Increment(ref registrations);
                return n % 3 == 0
                    ? new HttpResponseMessage(HttpStatusCode.InternalServerError)
                    : Json($$"""{"id":"sk-{{n}}"}""", HttpStatusCode.Created);
            }
            if (request.Method == HttpMethod.Get && path.EndsWith("/recommendations", StringComparison.Ordinal))
            {
                return Json("""{"items":[{"postId":"p1"}]}""");
            }
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        });
        using var client = new ApiClient(Base, ApiCredentials.None, handler);

        var totals = await new PostListProbe(client, "360722101", 6, 10, 7).RunAsync(_ => { }, default);

        Assert.Equal(6, totals.Registered);
        Assert.Equal(6, totals.ReadyMs.Length);
        Assert.Equal(6, totals.WithPosts);
        Assert.Equal(2, totals.Failed);
        Assert.Equal(8, registrations);
        Assert.Contains("500", totals.FirstFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EveryRegistrationFails_GivesUpAfterCountFailures()
    {
        var registrations = 0;
        using var handler = new Scripted(request => request.Method == HttpMethod.Get
            ? Json("""{"code":"360722101","lat":25.33,"lon":114.67}""")
            : Fail(ref registrations));
        using var client = new ApiClient(Base, ApiCredentials.None, handler);

        var error = await Assert.ThrowsAsync<ApiException>(() =>
            new PostListProbe(client, "360722101", 4, 10, 7).RunAsync(_ => { }, default));

        Assert.Equal(500, error.Status);
        Assert.Equal(4, registrations);
    }

    private static HttpResponseMessage Fail(ref int count)
    {
        Interlocked.Increment(ref count);
        return new HttpResponseMessage(HttpStatusCode.InternalServerError);
    }

    private static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private sealed class Scripted(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
