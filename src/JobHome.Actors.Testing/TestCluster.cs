using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobHome.Actors.Testing;

/// <summary>An in-process silo host for tests; <see cref="RestartAsync"/> builds a fresh host on the same storage.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly Action<IServiceCollection> _configure;
    private IHost? _host;

    internal TestCluster(Action<IServiceCollection> configure) => _configure = configure;

    /// <summary>The running host's services.</summary>
    public IServiceProvider Services => Host.Services;

    /// <summary>The running host's grain factory.</summary>
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The running host's stream provider.</summary>
    public IStreamProvider StreamProvider => Services.GetRequiredService<IStreamProvider>();

    /// <summary>Number of hosts started so far (1 after start, 2 after one restart).</summary>
    public int Generation { get; private set; }

    private IHost Host => _host ?? throw new InvalidOperationException("The test cluster is not running.");

    /// <summary>Builds and starts a host.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("The test cluster is already running.");
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        _configure(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        _host = host;
        Generation++;
    }

    /// <summary>Stops the host (activations deactivate, timers stop); storage stays.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var host = _host;
        if (host is null)
        {
            return;
        }

        _host = null;
        await host.StopAsync(cancellationToken).ConfigureAwait(false);
        host.Dispose();
    }

    /// <summary>Stops the host and starts a new one with the same registrations, hence the same storage.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
