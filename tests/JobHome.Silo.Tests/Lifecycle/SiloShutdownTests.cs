using System.Net;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Lifecycle;

/// <summary>Ctrl+C and SIGTERM stop a real silo gracefully, well within its shutdown timeout.</summary>
public sealed class SiloShutdownTests
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Signal_ReadySilo_StopsGracefullyWithExitCodeZero(string signal)
    {
        using var silo = SiloProcess.Start($"--JobHome:ShutdownTimeout={ShutdownTimeout.TotalSeconds}");
        await silo.WaitUntilReadyAsync();

        silo.Signal(signal);
        var exitCode = await silo.WaitForExitAsync(ShutdownTimeout);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{silo.Describe()}");
        Assert.Contains("Stopping: deactivating grains and flushing state", silo.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Stopped", silo.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(string.Empty, silo.StandardError);
        await Assert.ThrowsAsync<HttpRequestException>(() => silo.Http.GetAsync(new Uri("/health/live", UriKind.Relative)));
    }
}
