namespace JobHome.Silo.Tests.Fixtures;

/// <summary>One embedded silo on an empty data folder, started once for a test class and killed after it.</summary>
public sealed class RunningSiloFixture : IAsyncLifetime
{
    /// <summary>How long a fresh silo may take to become ready (<see cref="SiloProcess.ReadyDeadline"/>).</summary>
    public static readonly TimeSpan ReadyDeadline = SiloProcess.ReadyDeadline;

    private SiloProcess? _silo;

    /// <summary>The running silo.</summary>
    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    /// <summary>Time from process start until <c>/health/ready</c> answered 200.</summary>
    public TimeSpan TimeToReady { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start();
        try
        {
            TimeToReady = await _silo.WaitUntilReadyAsync();
        }
        catch
        {
            // Kill the child even if the runner does not dispose a fixture whose start failed.
            _silo.Dispose();
            _silo = null;
            throw;
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _silo?.Dispose();
        return Task.CompletedTask;
    }
}
