using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using JobHome.Actors.Activation;
using JobHome.Actors.Diagnostics;
using JobHome.Actors.Hosting;
using JobHome.Actors.Reminders;
using JobHome.Actors.Serialization;
using JobHome.Actors.Storage;
using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobHome.Actors.Dispatch;

/// <summary>
/// The silo runtime: grain factory, activation catalog and dispatcher. A call arrives as a request object from a
/// reference; the dispatcher finds (or creates) the activation through placement and the directory, then either runs
/// the request on the caller's thread when the activation is idle (the fast path: no queueing, no promise when the
/// grain completes synchronously) or queues it behind the activation's current turn with a promise and a response
/// timeout.
/// </summary>
internal sealed class GrainRuntime : IGrainFactory, IDisposable
{
    private readonly Dictionary<Type, GrainClassInfo> _byInterface = [];
    private readonly Dictionary<string, GrainClassInfo> _byTypeName = new(StringComparer.Ordinal);
    private readonly IGrainDirectory _directory = new LocalGrainDirectory();
    private readonly IPlacementDirector _placement = new LocalPlacementDirector();
    private readonly ConcurrentDictionary<GrainId, WorkerPool> _workers = new();
    private readonly List<StreamAgent> _agents = [];
    private readonly CancellationTokenSource _stopping = new();
    private IGrainStorage? _storage;
    private ITimer? _collector;
    private volatile bool _started;
    private volatile bool _stopRequested;

    public GrainRuntime(IServiceProvider services, IOptions<SiloOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        Services = services;
        Options = options.Value;
        Time = time;
        Logger = loggerFactory.CreateLogger("JobHome.Actors");
        Metrics = new ActorsMetrics(services.GetService<IMeterFactory>());
        Serializer = new GrainSerializer(Options.JsonSerializerOptions, Metrics);
        Reminders = new ReminderService(this);
        Streams = new StreamProvider(this);
        Timeouts = new ResponseTimeouts(time, Options.ResponseTimeout);
        foreach (var (grainInterface, grainClass) in Options.Grains)
        {
            Register(grainInterface, grainClass);
        }
    }

    public IServiceProvider Services { get; }

    public SiloOptions Options { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public ActorsMetrics Metrics { get; }

    public GrainSerializer Serializer { get; }

    public ReminderService Reminders { get; }

    public StreamProvider Streams { get; }

    public ResponseTimeouts Timeouts { get; }

    public IGrainStorage Storage => _storage ?? throw new InvalidOperationException("The silo has not started.");

    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Live activations (tests and diagnostics).</summary>
    public IEnumerable<ActivationData> Activations =>
        _directory.Activations.Concat(_workers.Values.SelectMany(p => p.Snapshot()));

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_byInterface.TryGetValue(typeof(TGrainInterface), out var grainClass))
        {
            throw new InvalidOperationException(
                $"No grain class is registered for {typeof(TGrainInterface)}. Register one with AddJobHomeSilo(o => o.AddGrain<{typeof(TGrainInterface).Name}, TGrain>()).");
        }

        return GrainProxyRegistry<TGrainInterface>.Create(new GrainReferenceArgs(this, grainClass, key));
    }

    public GrainClassInfo? FindClass(string grainTypeName) => _byTypeName.GetValueOrDefault(grainTypeName);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _storage = Services.GetRequiredService<IGrainStorage>();
        var log = Services.GetRequiredService<IStreamLog>();
        _started = true;
        await Reminders.StartAsync(Services.GetRequiredService<IReminderTable>(), cancellationToken).ConfigureAwait(false);
        foreach (var grainClass in _byTypeName.Values.Distinct())
        {
            foreach (var ns in grainClass.ImplicitSubscriptions)
            {
                var agent = new StreamAgent(this, grainClass, ns, log);
                _agents.Add(agent);
                Streams.AddAgent(agent);
            }
        }

        Streams.Start(log);
        foreach (var agent in _agents)
        {
            agent.Start();
        }

        _collector = Time.CreateTimer(static s => ((GrainRuntime)s!).CollectIdle(), this, Options.CollectionQuantum, Options.CollectionQuantum);
        ActorsLog.SiloStarted(Logger, _byTypeName.Count, _agents.Count, Reminders.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            return;
        }

        _stopRequested = true;
        _collector?.Dispose();
        foreach (var agent in _agents)
        {
            await agent.StopAsync().ConfigureAwait(false);
        }

        await Streams.StopAsync().ConfigureAwait(false);
        Reminders.Stop();
        var activations = Activations.ToList();
        var deactivations = activations.Select(a => a.StartDeactivation(DeactivationReason.ShuttingDown, force: true)).ToList();
        await Task.WhenAll(deactivations).WaitAsync(cancellationToken).ConfigureAwait(false);
        _started = false;
        await _stopping.CancelAsync().ConfigureAwait(false);
        ActorsLog.SiloStopped(Logger, activations.Count);
    }

    public void Dispose()
    {
        _collector?.Dispose();
        Timeouts.Dispose();
        _stopping.Dispose();
        Metrics.Dispose();
    }

    /// <summary>Sends a typed request from a reference.</summary>
    public Task<TResult> InvokeAsync<TResult>(GrainReference reference, GrainRequest<TResult> request)
    {
        var caller = SynchronizationContext.Current;
        request.Caller = caller as GrainRequestBase;
        ActivationData activation;
        try
        {
            activation = reference.GetActivation();
        }
#pragma warning disable CA1031 // Dispatch failures reach the caller through the task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException<TResult>(ex);
        }

        if (activation.TryEnterInline(request))
        {
            Task<TResult> task;
            SynchronizationContext.SetSynchronizationContext(request);
            try
            {
                task = request.Invoke(activation.Grain!);
            }
#pragma warning disable CA1031 // A grain exception belongs to its caller; the activation survives.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                task = Task.FromException<TResult>(ex);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(caller);
            }

            if (task.IsCompleted)
            {
                activation.ExitInline(request, task);
                return task;
            }

            var promise = (Task<TResult>)request.CreatePromise();
            request.StartTimeout(Timeouts);
            task.GetAwaiter().UnsafeOnCompleted(() => activation.FinishRequest(request, task));
            activation.ExitInline(request, null);
            return promise;
        }

        return (Task<TResult>)Enqueue(activation, request);
    }

    /// <summary>Sends a request without result from a reference.</summary>
    public Task InvokeAsync(GrainReference reference, GrainRequest request)
    {
        var caller = SynchronizationContext.Current;
        request.Caller = caller as GrainRequestBase;
        ActivationData activation;
        try
        {
            activation = reference.GetActivation();
        }
#pragma warning disable CA1031 // Dispatch failures reach the caller through the task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException(ex);
        }

        return activation.TryEnterInline(request) ? RunInline(activation, request, caller) : Enqueue(activation, request);
    }

    /// <summary>Sends a runtime-originated request (reminder tick, stream delivery) to a grain by class and key.</summary>
    public Task DispatchAsync(GrainClassInfo grainClass, string key, GrainRequest request)
    {
        var caller = SynchronizationContext.Current;
        request.Caller = caller as GrainRequestBase;
        var activation = GetActivation(grainClass, key);
        return activation.TryEnterInline(request) ? RunInline(activation, request, caller) : Enqueue(activation, request);
    }

    /// <summary>
    /// Delivers a request that arrived as a message (the receiving side of a future transport): by grain type name
    /// and key, always queued, with a promise carrying the result.
    /// </summary>
    public Task DeliverAsync(string grainTypeName, string key, GrainRequestBase request)
    {
        var grainClass = FindClass(grainTypeName) ?? throw new InvalidOperationException($"Unknown grain type {grainTypeName}.");
        return Enqueue(GetActivation(grainClass, key), request);
    }

    public ActivationData GetActivation(GrainClassInfo grainClass, string key)
    {
        if (!_started)
        {
            throw new InvalidOperationException("The silo is not running: start the host (AddJobHomeSilo registers the hosted service) before calling grains.");
        }

        var id = new GrainId(grainClass, key);
        if (grainClass.IsStatelessWorker)
        {
            return _workers.GetOrAdd(id, static _ => new WorkerPool()).Pick(this, id);
        }

        return _directory.GetOrRegister(id, CreateActivation);
    }

    public void RemoveActivation(ActivationData activation)
    {
        if (!activation.Id.Class.IsStatelessWorker)
        {
            _directory.Unregister(activation);
        }
    }

    /// <summary>Sends a request held by a deactivated activation to the grain's next activation.</summary>
    public void Redispatch(GrainRequestBase request)
    {
        if (!request.HasPromise)
        {
            // Timer ticks belong to the activation that is gone.
            return;
        }

        if (_stopRequested || !_started)
        {
            request.FailPromise(new InvalidOperationException("The silo stopped before the call could be delivered."));
            return;
        }

        var target = request.Target!;
        try
        {
            GetActivation(target.Id.Class, target.Id.Key).Enqueue(request);
        }
#pragma warning disable CA1031 // The caller gets the failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            request.FailPromise(ex);
        }
    }

    private static Task RunInline(ActivationData activation, GrainRequest request, SynchronizationContext? caller)
    {
        Task task;
        SynchronizationContext.SetSynchronizationContext(request);
        try
        {
            task = request.Invoke(activation.Grain!);
        }
#pragma warning disable CA1031 // A grain exception belongs to its caller; the activation survives.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            task = Task.FromException(ex);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(caller);
        }

        if (task.IsCompleted)
        {
            activation.ExitInline(request, task);
            return task;
        }

        var promise = request.CreatePromise();
        request.StartTimeout(activation.Runtime.Timeouts);
        task.GetAwaiter().UnsafeOnCompleted(() => activation.FinishRequest(request, task));
        activation.ExitInline(request, null);
        return promise;
    }

    private Task Enqueue(ActivationData activation, GrainRequestBase request)
    {
        var promise = request.CreatePromise();
        request.StartTimeout(Timeouts);
        try
        {
            activation.Enqueue(request);
        }
#pragma warning disable CA1031 // Deadlocks and dispatch failures reach the caller through the task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            request.FailPromise(ex);
        }

        return promise;
    }

    private ActivationData CreateActivation(GrainId id)
    {
        var silo = _placement.Place(id);
        if (silo != SiloAddress.Local)
        {
            throw new NotSupportedException($"Placement chose {silo}, but this silo has no transport to other silos.");
        }

        return new ActivationData(this, id);
    }

    private void Register(Type grainInterface, Type grainClass)
    {
        var info = _byTypeName.Values.FirstOrDefault(c => c.ClassType == grainClass);
        if (info is null)
        {
            info = new GrainClassInfo(grainClass, grainInterface.FullName ?? grainInterface.Name);
            _byTypeName.Add(info.GrainTypeName, info);
        }

        _byInterface[grainInterface] = info;
    }

    private void CollectIdle()
    {
        var threshold = Time.GetTimestamp() - (long)(Options.CollectionAge.TotalSeconds * Time.TimestampFrequency);
        foreach (var activation in Activations)
        {
            if (activation.IsIdleSince(threshold))
            {
                _ = activation.StartDeactivation(DeactivationReason.IdleCollection, force: false);
            }
        }
    }

    /// <summary>Local activations of one stateless-worker key.</summary>
    private sealed class WorkerPool
    {
        private readonly Lock _lock = new();
        private readonly List<ActivationData> _activations = [];

        public ActivationData Pick(GrainRuntime runtime, GrainId id)
        {
            lock (_lock)
            {
                _activations.RemoveAll(a => !a.IsUsable);
                ActivationData? least = null;
                foreach (var activation in _activations)
                {
                    if (activation.IsIdleNow)
                    {
                        return activation;
                    }

                    if (least is null || activation.Load < least.Load)
                    {
                        least = activation;
                    }
                }

                if (least is null || _activations.Count < id.Class.MaxLocalWorkers)
                {
                    least = runtime.CreateActivation(id);
                    _activations.Add(least);
                }

                return least;
            }
        }

        public List<ActivationData> Snapshot()
        {
            lock (_lock)
            {
                return [.. _activations];
            }
        }
    }
}
