using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace JobHome.Cluster.Tests.Support;

/// <summary>An Orleans client in the test process, connected to test silos through their gateways.</summary>
public sealed class TestClient : IAsyncDisposable
{
    private readonly IHost _host;

    private TestClient(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The connected client.</summary>
    public IClusterClient Client { get; }

    /// <summary>Connects to the one embedded silo whose gateway listens on <paramref name="gatewayPort"/>.</summary>
    public static Task<TestClient> ConnectEmbeddedAsync(int gatewayPort, CancellationToken cancellationToken) =>
        ConnectAsync(client => client.UseLocalhostClustering(gatewayPort), cancellationToken);

    /// <summary>Connects to a cluster whose membership lives in PostgreSQL.</summary>
    public static Task<TestClient> ConnectPostgresAsync(string connectionString, string clusterId, CancellationToken cancellationToken) =>
        ConnectAsync(
            client =>
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = "jobhome";
                });
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            },
            cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
        {
            // The silos may be gone already; the client has nothing to flush.
        }

        _host.Dispose();
    }

    private static async Task<TestClient> ConnectAsync(Action<IClientBuilder> configure, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            configure(client);
            // 30 s: with 15 s, calls to silos saturated by a whole test run (load average ~18 on 2 cores) went unanswered in
            // time in 3 of 4 clean-clone runs on 2 Dec, each in another test, none a wrong result.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30));
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new TestClient(host);
    }
}
