using System.Runtime.InteropServices;

namespace JobHome.Silo.Hosting;

/// <summary>
/// Turns Ctrl+C and SIGTERM into a cancellation while the host is not running yet (storage checks), so that a stop
/// request during start-up is honoured at once instead of waiting for a connection timeout.
/// </summary>
internal sealed class StartupInterruption : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    /// <summary>Starts listening for the signals.</summary>
    public StartupInterruption()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled when a stop was requested.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _cancellation.Cancel();
    }
}
