using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace JobHome.Silo.Tests.Fixtures;

/// <summary>
/// One in-process test silo on Orleans' in-memory providers under the names the grains use (grain state, pub-sub,
/// reminders, streams), optionally with API endpoints on a test server over its client. The one builder the in-process
/// silo tests share: a test adds only its own services (the grains with its clock, list options, model reload ...). The
/// silo itself is <c>tests/Shared/InMemoryTestSilo.cs</c>, which the benchmarks' <c>PostListCluster</c> starts too.
/// </summary>
internal sealed class InMemorySilo : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private WebApplication? _app;
    private HttpClient? _http;

    private InMemorySilo(InProcessTestCluster cluster) => _cluster = cluster;

    /// <summary>The cluster's client.</summary>
    public IClusterClient Client => _cluster.Client;

    /// <summary>The test server's client; <see cref="StartApiAsync"/> must have run.</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("The API has not been started (StartApiAsync).");

    /// <summary>Starts one silo with the in-memory providers, then <paramref name="services"/> on the silo's services.</summary>
    public static async Task<InMemorySilo> StartAsync(Action<IServiceCollection> services) =>
        new(await InMemoryTestSilo.StartAsync(services));

    /// <summary>A service from the silo's container.</summary>
    public T GetService<T>()
        where T : notnull => _cluster.Silos[0].ServiceProvider.GetRequiredService<T>();

    /// <summary>
    /// Starts a test server with the cluster client, problem details and <paramref name="services"/>, maps the endpoints with
    /// <paramref name="map"/>; returns its client (also <see cref="Http"/>).
    /// </summary>
    public async Task<HttpClient> StartApiAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (_app is not null)
        {
            throw new InvalidOperationException("The API has already been started.");
        }
        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseTestServer();
        web.Services.AddSingleton(_cluster.Client);
        web.Services.AddProblemDetails();
        services?.Invoke(web.Services);
        _app = web.Build();
        map(_app);
        await _app.StartAsync();
        _http = _app.GetTestClient();
        return _http;
    }

    /// <summary>Stops the test server (if started), then the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await _cluster.DisposeAsync();
    }
}
