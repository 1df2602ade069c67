using Microsoft.Extensions.Hosting;

namespace JobHome.Silo.Hosting;

/// <summary>
/// Runs the Orleans Dashboard's telemetry only while someone uses the dashboard. Orleans 10.4.2's dashboard host
/// (<c>Orleans.Dashboard.DashboardHost</c>) joins the silo's lifecycle and from then on collects every Orleans instrument
/// each second through its own OpenTelemetry reader — among them a gauge that walks every activation under the catalog's
/// lock — and, because its listener enables them, has every Orleans instrument recorded twice on the message path; the
/// interval has no setting. <see cref="AddDashboard"/> keeps the host out of the silo's lifecycle and holds its stages
/// here: the first request under <c>/orleans</c> runs them (<see cref="UseAsync"/>), and the host's telemetry is disposed
/// once no request came for <see cref="IdleStop"/> (the dashboard's page asks every second while it is open), to be run
/// again by the next request. Its counters therefore begin when an operator opens the dashboard; the rest of the
/// dashboard (its grains, grain statistics, reminders, the silo's statistics timer) is Orleans' as before.
/// </summary>
internal sealed partial class OrleansDashboardTelemetry : IHostedService, IAsyncDisposable
{
    /// <summary>How long the telemetry runs after the last request under <c>/orleans</c>.</summary>
    public static readonly TimeSpan DefaultIdleStop = TimeSpan.FromMinutes(5);

    private const string DashboardHostName = "Orleans.Dashboard.DashboardHost";

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<(int Stage, ILifecycleObserver Observer)> _stages = [];
    private ILifecycleParticipant<ISiloLifecycle>? _host;
    private ITimer? _idleTimer;
    private long _lastUse;
    private int _running;
    private bool _shutDown;
    private int _disposed;

    /// <summary>Creates the holder; <see cref="Adopt"/> gives it the dashboard's host.</summary>
    public OrleansDashboardTelemetry(TimeProvider time, TimeSpan idleStop, ILogger<OrleansDashboardTelemetry> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleStop, TimeSpan.Zero);
        _time = time;
        IdleStop = idleStop;
        _logger = logger;
    }

    /// <summary>How long the telemetry runs after the last use.</summary>
    public TimeSpan IdleStop { get; }

    /// <summary>True while the dashboard's telemetry runs.</summary>
    public bool IsRunning => Volatile.Read(ref _running) == 1;

    /// <summary>True once the dashboard's host was handed over (the silo resolved its lifecycle participants).</summary>
    public bool HasHost => Volatile.Read(ref _host) is not null;

    /// <summary>How many times it was started (one per period of use).</summary>
    public int Starts { get; private set; }

    /// <summary>
    /// Adds the Orleans Dashboard to <paramref name="silo"/> with its telemetry on demand: the silo lifecycle participants
    /// the dashboard registers are resolved through a check that hands its host to this holder (registered here, also as
    /// a hosted service that disposes the telemetry with the host) instead of the silo's lifecycle. A dashboard version
    /// whose host is not found that way runs its telemetry always, as Orleans registers it (<see cref="HasHost"/> false).
    /// Its grain profiler filter is entered only while profiling is on (<see cref="OrleansDashboardProfilerGate"/>).
    /// </summary>
    public static void AddDashboard(ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        var first = services.Count;
        Orleans.Dashboard.ServiceCollectionExtensions.AddDashboard(silo);
        for (var i = first; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(ILifecycleParticipant<ISiloLifecycle>) && !descriptor.IsKeyedService)
            {
                services[i] = ServiceDescriptor.Describe(descriptor.ServiceType, sp => Adopted(sp, Resolve(sp, descriptor)),
                    descriptor.Lifetime);
            }
        }
        OrleansDashboardProfilerGate.Gate(services, first);
        services.AddSingleton(sp => new OrleansDashboardTelemetry(TimeProvider.System, DefaultIdleStop,
            sp.GetRequiredService<ILogger<OrleansDashboardTelemetry>>()));
        services.AddHostedService(static sp => sp.GetRequiredService<OrleansDashboardTelemetry>());
    }

    private static object Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.GetServiceOrCreateInstance(services, descriptor.ImplementationType!);

    private static object Adopted(IServiceProvider services, object participant)
    {
        if (participant is ILifecycleParticipant<ISiloLifecycle> host && participant.GetType().FullName == DashboardHostName)
        {
            services.GetRequiredService<OrleansDashboardTelemetry>().Adopt(host);
            return NoStages.Instance;
        }
        return participant;
    }

    /// <summary>Takes the dashboard's host: its lifecycle stages run on the first use instead of at the silo's start.</summary>
    public void Adopt(ILifecycleParticipant<ISiloLifecycle> host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Interlocked.CompareExchange(ref _host, host, null) is not null)
        {
            return;
        }
        host.Participate(new HeldStages(_stages));
        _stages.Sort(static (a, b) => a.Stage.CompareTo(b.Stage));
    }

    /// <summary>Notes a use of the dashboard; starts the telemetry when it is not running.</summary>
    public ValueTask UseAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUse, _time.GetTimestamp());
        return IsRunning || !HasHost ? ValueTask.CompletedTask : new ValueTask(StartTelemetryAsync(cancellationToken));
    }

    private async Task StartTelemetryAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsRunning || _shutDown)
            {
                return;
            }
            foreach (var (_, observer) in _stages)
            {
                await observer.OnStart(cancellationToken).ConfigureAwait(false);
            }
            Volatile.Write(ref _running, 1);
            Starts++;
            var check = IdleStop / 4;
            _idleTimer = _time.CreateTimer(static state => ((OrleansDashboardTelemetry)state!).OnIdleCheck(), this, check, check);
            LogStarted(_logger, (long)IdleStop.TotalMinutes);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void OnIdleCheck()
    {
        if (_time.GetElapsedTime(Interlocked.Read(ref _lastUse)) >= IdleStop)
        {
            _ = StopTelemetryAsync(idleOnly: true);
        }
    }

    private async Task StopTelemetryAsync(bool idleOnly)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!IsRunning || (idleOnly && _time.GetElapsedTime(Interlocked.Read(ref _lastUse)) < IdleStop))
            {
                return;
            }
            Volatile.Write(ref _running, 0);
            _idleTimer?.Dispose();
            _idleTimer = null;
            // The dashboard's host disposes only its meter provider; running its stages again builds a new one.
            switch (_host)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
            if (idleOnly)
            {
                LogStoppedIdle(_logger, (long)IdleStop.TotalMinutes);
            }
        }
        catch (Exception e) when (idleOnly)
        {
            // A timer callback has no caller to tell: log it; the next use starts the telemetry again.
            LogStopFailed(_logger, e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _shutDown = true;
        await StopTelemetryAsync(idleOnly: false).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The container disposes it twice (as itself and as the hosted service its factory resolves).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _shutDown = true;
        await StopTelemetryAsync(idleOnly: false).ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>The lifecycle the dashboard's host subscribes its stages to: they are kept, not run.</summary>
    private sealed class HeldStages(List<(int Stage, ILifecycleObserver Observer)> stages) : ISiloLifecycle
    {
        public int HighestCompletedStage => ServiceLifecycleStage.Active;

        public int LowestStoppedStage => int.MaxValue;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            stages.Add((stage, observer));
            return NoStages.Instance;
        }
    }

    /// <summary>Takes no part in the silo's lifecycle (in the dashboard host's place).</summary>
    private sealed class NoStages : ILifecycleParticipant<ISiloLifecycle>, IDisposable
    {
        public static readonly NoStages Instance = new();

        public void Participate(ISiloLifecycle lifecycle)
        {
        }

        public void Dispose()
        {
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Orleans Dashboard in use: its telemetry started (stops after {IdleMinutes} min without a dashboard request)")]
    private static partial void LogStarted(ILogger logger, long idleMinutes);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information,
        Message = "Orleans Dashboard not used for {IdleMinutes} min: its telemetry stopped until the next request under /orleans")]
    private static partial void LogStoppedIdle(ILogger logger, long idleMinutes);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Stopping the Orleans Dashboard's telemetry failed")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);
}
