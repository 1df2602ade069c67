using System.Diagnostics;
using System.Diagnostics.Metrics;
using JobHome.Silo.Health;
using JobHome.Silo.Hosting;

namespace JobHome.Silo.Diagnostics;

/// <summary>The host's own instruments on the <see cref="MeterName"/> meter, exported at <c>/metrics</c> with Orleans' meters.</summary>
internal sealed class SiloMetrics
{
    /// <summary>Name of the host's meter.</summary>
    public const string MeterName = "JobHome.Silo";

    /// <summary>Name of Orleans' meter.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    private readonly long _startedAt = Stopwatch.GetTimestamp();

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public SiloMetrics(IMeterFactory meterFactory, SiloActivityTracker tracker, OrleansDashboardTelemetry? dashboard = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(tracker);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "jobhome.silo.active",
            () => tracker.IsActive ? 1 : 0,
            description: "1 while the silo is active in the cluster, else 0.");
        meter.CreateObservableCounter(
            "jobhome.silo.uptime",
            () => Stopwatch.GetElapsedTime(_startedAt).TotalSeconds,
            unit: "s",
            description: "Seconds since the host process started its silo.");
        if (dashboard is not null)
        {
            meter.CreateObservableGauge(
                "jobhome.silo.orleans_dashboard.telemetry",
                () => dashboard.IsRunning || !dashboard.HasHost ? 1 : 0,
                description: "1 while the Orleans Dashboard's telemetry runs (from a request under /orleans until it has "
                    + "had none for 5 minutes), else 0.");
        }
        StartupDuration = meter.CreateHistogram<double>(
            "jobhome.silo.startup.duration",
            unit: "s",
            description: "Seconds from process start until the silo became active.");
    }

    /// <summary>Seconds from process start until the silo became active (one value per start).</summary>
    public Histogram<double> StartupDuration { get; }
}
