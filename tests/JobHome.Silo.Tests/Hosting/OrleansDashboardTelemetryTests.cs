using JobHome.Silo.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Silo.Tests.Hosting;

/// <summary>
/// The Orleans Dashboard's telemetry runs only while the dashboard is used: started by the first use, stopped (and
/// disposed) after the idle time without a use, started afresh by the next, stopped with the host.
/// </summary>
public sealed class OrleansDashboardTelemetryTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task UseAsync_FirstUse_StartsTheTelemetryOnce()
    {
        var (telemetry, _, log) = Create();

        Assert.False(telemetry.IsRunning);
        await telemetry.UseAsync(CancellationToken.None);
        await telemetry.UseAsync(CancellationToken.None);

        Assert.True(telemetry.IsRunning);
        Assert.Equal(["start 1"], log.Events);
    }

    [Fact]
    public async Task IdleCheck_NoUseForTheIdleTime_StopsAndDisposesIt()
    {
        var (telemetry, time, log) = Create();
        await telemetry.UseAsync(CancellationToken.None);

        time.Advance(Idle - TimeSpan.FromSeconds(1));
        Assert.True(telemetry.IsRunning);
        time.Advance(Idle);

        Assert.False(telemetry.IsRunning);
        Assert.Equal(["start 1", "dispose 1"], log.Events);
    }

    [Fact]
    public async Task IdleCheck_UsedWithinTheIdleTime_KeepsRunning()
    {
        var (telemetry, time, log) = Create();
        await telemetry.UseAsync(CancellationToken.None);

        for (var i = 0; i < 12; i++)
        {
            time.Advance(TimeSpan.FromMinutes(2));
            await telemetry.UseAsync(CancellationToken.None);
        }

        Assert.True(telemetry.IsRunning);
        Assert.Equal(["start 1"], log.Events);
    }

    [Fact]
    public async Task UseAsync_AfterAnIdleStop_StartsANewTelemetry()
    {
        var (telemetry, time, log) = Create();
        await telemetry.UseAsync(CancellationToken.None);
        time.Advance(Idle * 2);

        await telemetry.UseAsync(CancellationToken.None);

        Assert.True(telemetry.IsRunning);
        Assert.Equal(2, telemetry.Starts);
        Assert.Equal(["start 1", "dispose 1", "start 2"], log.Events);
    }

    [Fact]
    public async Task StopAsync_HostStops_StopsTheTelemetryAndNoUseRestartsIt()
    {
        var (telemetry, _, log) = Create();
        await telemetry.UseAsync(CancellationToken.None);

        await telemetry.StopAsync(CancellationToken.None);
        await telemetry.UseAsync(CancellationToken.None);

        Assert.False(telemetry.IsRunning);
        Assert.Equal(["start 1", "dispose 1"], log.Events);
    }

    [Fact]
    public async Task UseAsync_NoHostAdopted_DoesNothing()
    {
        var time = new FakeTimeProvider();
        var telemetry = new OrleansDashboardTelemetry(time, Idle, NullLogger<OrleansDashboardTelemetry>.Instance);

        await telemetry.UseAsync(CancellationToken.None);

        Assert.False(telemetry.HasHost);
        Assert.False(telemetry.IsRunning);
    }

    private static (OrleansDashboardTelemetry Telemetry, FakeTimeProvider Time, TelemetryLog Log) Create()
    {
        var log = new TelemetryLog();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var telemetry = new OrleansDashboardTelemetry(time, Idle, NullLogger<OrleansDashboardTelemetry>.Instance);
        telemetry.Adopt(new RecordingHost(log));
        Assert.Empty(log.Events);
        return (telemetry, time, log);
    }

    /// <summary>What the recorded host was asked to do, in order; a start's number counts the starts.</summary>
    private sealed class TelemetryLog
    {
        public List<string> Events { get; } = [];

        public int Starts { get; set; }
    }

    /// <summary>
    /// Stands in for the dashboard's host: a silo lifecycle participant whose stage starts its telemetry and whose disposal
    /// ends it; records both.
    /// </summary>
    private sealed class RecordingHost(TelemetryLog log) : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(RecordingHost), ServiceLifecycleStage.Active - 1, _ =>
            {
                log.Events.Add($"start {++log.Starts}");
                return Task.CompletedTask;
            });

        public ValueTask DisposeAsync()
        {
            log.Events.Add($"dispose {log.Starts}");
            return ValueTask.CompletedTask;
        }
    }
}
