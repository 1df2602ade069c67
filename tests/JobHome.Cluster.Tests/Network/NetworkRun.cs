using JobHome.Cluster.Tests.Support;

namespace JobHome.Cluster.Tests.Network;

/// <summary>
/// The scaffolding of one network kill test: a fresh store, the test silo as a real process on two free ports, a client
/// on its gateway and the run's deadline; <see cref="RestartAsync"/> replaces a killed silo with a new process on the
/// same store and ports and reconnects. Disposing stops the client and the silo and removes the store.
/// </summary>
public sealed class NetworkRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly INetworkStore _store;
    private readonly int[] _ports = FreePorts.Take(2);

    private NetworkRun(INetworkStore store, TimeSpan deadline)
    {
        _store = store;
        _timeout = new CancellationTokenSource(deadline);
    }

    /// <summary>Cancelled when the run's deadline passes.</summary>
    public CancellationToken Token => _timeout.Token;

    /// <summary>The store the silo runs on.</summary>
    public INetworkStore Store => _store;

    /// <summary>The current silo process.</summary>
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>The client connected to the current silo.</summary>
    public TestClient Client { get; private set; } = null!;

    /// <summary>The current client's grain factory.</summary>
    public IClusterClient Grains => Client.Client;

    /// <summary>Creates a store, starts the silo on it (with <paramref name="extraArguments"/>) and connects.</summary>
    public static async Task<NetworkRun> StartAsync(Func<Task<INetworkStore>> createStore, TimeSpan deadline,
        IReadOnlyList<string>? extraArguments = null)
    {
        ArgumentNullException.ThrowIfNull(createStore);
        var run = new NetworkRun(await createStore(), deadline);
        try
        {
            await run.StartSiloAsync(extraArguments);
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
        return run;
    }

    /// <summary>Kills the silo with SIGKILL (the client stays until <see cref="RestartAsync"/>).</summary>
    public Task KillAsync() => Silo.KillAsync();

    /// <summary>Drops the client and the (killed) silo, starts a new silo on the same store and ports, and reconnects.</summary>
    public async Task RestartAsync(IReadOnlyList<string>? extraArguments = null)
    {
        await Client.DisposeAsync();
        await Silo.DisposeAsync();
        Client = null!;
        Silo = null!;
        await StartSiloAsync(extraArguments);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Client is not null)
            {
                await Client.DisposeAsync();
            }
            if (Silo is not null)
            {
                await Silo.DisposeAsync();
            }
        }
        finally
        {
            await _store.DisposeAsync();
            _timeout.Dispose();
        }
    }

    private async Task StartSiloAsync(IReadOnlyList<string>? extraArguments)
    {
        IReadOnlyList<string> arguments = extraArguments is null ? _store.SiloArguments : [.. _store.SiloArguments, .. extraArguments];
        Silo = await SiloProcess.StartAsync("network", arguments, _ports[0], _ports[1], false, Token);
        Client = await _store.ConnectAsync(_ports[1], Token);
    }
}
