namespace JobHome.Cluster.Tests.Streams;

/// <summary>One store the stream kill test runs on: how to start silos on it, connect, and read its dead letters.</summary>
public interface IStreamKillStore : IAsyncDisposable
{
    /// <summary>Storage arguments for the test silo process.</summary>
    IReadOnlyList<string> SiloArguments { get; }

    /// <summary>Connects a client to the one silo on <paramref name="gatewayPort"/>.</summary>
    Task<Support.TestClient> ConnectAsync(int gatewayPort, CancellationToken cancellationToken);

    /// <summary>How many stream messages sit in the dead letters.</summary>
    Task<long> CountDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>What the dead letters say about themselves (why and after how many attempts), for a failure message.</summary>
    Task<string> DescribeDeadLettersAsync(CancellationToken cancellationToken);
}
