using JobHome.Cluster.Tests.Support;

namespace JobHome.Cluster.Tests.Network;

/// <summary>One store the network kill tests run on: how to start a silo on it and connect a client.</summary>
public interface INetworkStore : IAsyncDisposable
{
    /// <summary>Storage arguments for the test silo process.</summary>
    IReadOnlyList<string> SiloArguments { get; }

    /// <summary>The embedded store's SQLite file (for tests that inspect or damage stored rows); null on PostgreSQL.</summary>
    string? EmbeddedDatabase { get; }

    /// <summary>Connects a client to the one silo on <paramref name="gatewayPort"/>.</summary>
    Task<TestClient> ConnectAsync(int gatewayPort, CancellationToken cancellationToken);
}
