using System.Diagnostics;
using JobHome.Actors.Diagnostics;
using JobHome.Actors.Dispatch;
using JobHome.Actors.Storage;
using JobHome.Actors.Timers;
using Microsoft.Extensions.Logging;

namespace JobHome.Actors.Activation;

/// <summary>
/// One activation of a grain: its object, its single-threaded work queue (a pump scheduled on the thread pool) and its
/// admission rules. New requests wait in <see cref="_pending"/> until admitted; continuations of admitted requests wait
/// in <see cref="_work"/> and always run, one at a time. A non-reentrant grain admits a request only when none runs, so
/// a turn spans its awaits; a reentrant grain or an <see cref="AlwaysInterleaveAttribute"/> method admits at once.
/// </summary>
internal sealed partial class ActivationData : IThreadPoolWorkItem
{
    private const int MaxItemsPerPump = 128;
    private const int MaxChainDepth = 512;
    private static long _nextActivationNumber;

    [ThreadStatic]
    private static ActivationData? _constructing;

    private readonly Lock _lock = new();
    private readonly Queue<WorkItem> _work = new();
    private readonly Queue<GrainRequestBase> _pending = new();
    private List<GrainRequestBase>? _forward;
    private List<GrainTimer>? _timers;
    private int _running;
    private bool _pumpActive;
    private bool _deactivateOnIdle;
    private volatile ActivationState _state;
    private long _lastActivity;
    private TaskCompletionSource? _deactivated;

    public ActivationData(GrainRuntime runtime, GrainId id)
    {
        Runtime = runtime;
        Id = id;
        ActivationNumber = Interlocked.Increment(ref _nextActivationNumber);
        _state = ActivationState.Activating;
        _lastActivity = runtime.Time.GetTimestamp();
        _pending.Enqueue(new ActivateRequest { Target = this });
    }

    /// <summary>The activation whose grain object is being constructed on this thread (read by <see cref="Grain"/>'s constructor).</summary>
    internal static ActivationData? Constructing => _constructing;

    public GrainRuntime Runtime { get; }

    public GrainId Id { get; }

    /// <summary>Unique number of this activation within the process (tests compare it).</summary>
    public long ActivationNumber { get; }

    public object? Grain { get; private set; }

    public ActivationState State => _state;

    /// <summary>True while calls can still be sent here (activating or valid).</summary>
    public bool IsUsable => _state <= ActivationState.Valid;

    internal List<IPersistentStateLoader> States { get; } = [];

    public override string ToString() => $"{Id} #{ActivationNumber}";

    /// <summary>Claims the activation for running <paramref name="request"/> on the caller's thread when it is idle.</summary>
    public bool TryEnterInline(GrainRequestBase request)
    {
        lock (_lock)
        {
            if (_state != ActivationState.Valid || _pumpActive || _work.Count != 0 || _pending.Count != 0 || !CanAdmit(request))
            {
                return false;
            }

            _pumpActive = true;
            _running++;
        }

        request.Target = this;
        if (Runtime.Metrics.TurnDuration.Enabled)
        {
            request.StartedAt = Stopwatch.GetTimestamp();
        }

        return true;
    }

    /// <summary>Releases the activation after an inline run; <paramref name="finished"/> is the completed grain task, or null when still running.</summary>
    public void ExitInline(GrainRequestBase request, Task? finished)
    {
        bool schedule;
        bool deactivate;
        lock (_lock)
        {
            deactivate = finished is not null && OnFinishedLocked(request);
            _pumpActive = false;
            schedule = TryClaimPumpLocked();
        }

        if (finished is not null)
        {
            RecordFinished(request);
        }

        if (deactivate)
        {
            StartDeactivation(DeactivationReason.ApplicationRequested, force: false);
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Queues a request; throws <see cref="DeadlockException"/> when it could never be admitted.</summary>
    public void Enqueue(GrainRequestBase request)
    {
        request.Target = this;
        bool schedule;
        lock (_lock)
        {
            if (_state >= ActivationState.Deactivating && !request.IsSystem)
            {
                (_forward ??= []).Add(request);
                return;
            }

            if (!request.IsSystem && !Id.Class.IsReentrant && !request.IsAlwaysInterleave && (_running > 0 || _pending.Count > 0) && IsInCallChain(request.Caller))
            {
                throw new DeadlockException(DescribeDeadlock(request));
            }

            _pending.Enqueue(request);
            schedule = TryClaimPumpLocked();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Queues a continuation of an admitted request (from its synchronization context).</summary>
    public void EnqueueContinuation(SendOrPostCallback callback, object? state, GrainRequestBase context)
    {
        bool schedule;
        lock (_lock)
        {
            _work.Enqueue(new WorkItem(callback, state, context));
            schedule = TryClaimPumpLocked();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Runs queued work one item at a time; yields the thread after a bounded number of items.</summary>
    public void Execute()
    {
        try
        {
            for (var n = 0; ; n++)
            {
                WorkItem item = default;
                GrainRequestBase? request = null;
                lock (_lock)
                {
                    if (n >= MaxItemsPerPump && (_work.Count > 0 || _pending.Count > 0))
                    {
                        // Stay claimed, but let other activations use this thread.
                        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                        return;
                    }

                    if (!_work.TryDequeue(out item))
                    {
                        if (_pending.TryPeek(out var next) && CanAdmit(next))
                        {
                            request = _pending.Dequeue();
                            _running++;
                        }
                        else
                        {
                            _pumpActive = false;
                            return;
                        }
                    }
                }

                if (request is not null)
                {
                    RunRequest(request);
                }
                else
                {
                    SynchronizationContext.SetSynchronizationContext(item.Context);
                    try
                    {
                        item.Callback(item.State);
                    }
#pragma warning disable CA1031 // A continuation's failure must not kill the pump; it is logged.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        ActorsLog.ContinuationFailed(Runtime.Logger, ex, ToString());
                    }
                }
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }
    }

    /// <summary>Called by the runtime after the grain task of an admitted request completed.</summary>
    public void FinishRequest(GrainRequestBase request, Task finished)
    {
        bool schedule;
        bool deactivate;
        lock (_lock)
        {
            deactivate = OnFinishedLocked(request);
            schedule = TryClaimPumpLocked();
        }

        RecordFinished(request);
        if (request.HasPromise)
        {
            request.CompletePromise(finished);
        }

        if (deactivate)
        {
            StartDeactivation(DeactivationReason.ApplicationRequested, force: false);
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>True when no request runs or waits and nothing kept the activation busy since <paramref name="olderThan"/> (a timestamp).</summary>
    public bool IsIdleSince(long olderThan)
    {
        lock (_lock)
        {
            return _state == ActivationState.Valid && _running == 0 && _pending.Count == 0 && _work.Count == 0 && _lastActivity <= olderThan;
        }
    }

    /// <summary>True when a stateless-worker pool can hand this activation a call without queueing.</summary>
    public bool IsIdleNow
    {
        get
        {
            lock (_lock)
            {
                return _running == 0 && _pending.Count == 0;
            }
        }
    }

    public int Load
    {
        get
        {
            lock (_lock)
            {
                return _running + _pending.Count;
            }
        }
    }

    public void DeactivateOnIdle()
    {
        bool now;
        lock (_lock)
        {
            _deactivateOnIdle = true;
            now = _running == 0;
        }

        if (now)
        {
            StartDeactivation(DeactivationReason.ApplicationRequested, force: false);
        }
    }

    /// <summary>
    /// Starts deactivation: later calls are held and forwarded to a new activation once this one is gone. Without
    /// <paramref name="force"/> it only starts when the activation is idle. Returns the task completing when it is gone.
    /// </summary>
    public Task StartDeactivation(DeactivationReason reason, bool force)
    {
        bool schedule;
        lock (_lock)
        {
            if (_state == ActivationState.Deactivating || _state == ActivationState.Invalid)
            {
                return _deactivated?.Task ?? Task.CompletedTask;
            }

            if (_state == ActivationState.Activating && !force)
            {
                return Task.CompletedTask;
            }

            if (!force && (_running > 0 || _pending.Count > 0))
            {
                return Task.CompletedTask;
            }

            _state = ActivationState.Deactivating;
            _deactivated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            while (_pending.TryDequeue(out var waiting))
            {
                if (waiting.IsSystem)
                {
                    continue;
                }

                (_forward ??= []).Add(waiting);
            }

            _pending.Enqueue(new DeactivateRequest(reason) { Target = this });
            schedule = TryClaimPumpLocked();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return _deactivated.Task;
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_lock)
        {
            if (_state >= ActivationState.Deactivating)
            {
                throw new InvalidOperationException($"{this} is deactivating; timers cannot be registered.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    internal void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = _timers is null ? [] : [.. _timers];
            _timers = null;
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    internal object CreateGrain()
    {
        _constructing = this;
        try
        {
            Grain = Id.Class.CreateInstance(this, Runtime.Services, States);
            return Grain;
        }
        finally
        {
            _constructing = null;
        }
    }

    internal void MarkValid()
    {
        lock (_lock)
        {
            _state = ActivationState.Valid;
            _lastActivity = Runtime.Time.GetTimestamp();
        }
    }

    /// <summary>Marks the activation gone and returns the requests to fail or forward.</summary>
    internal List<GrainRequestBase> MarkInvalid()
    {
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            var held = _forward ?? [];
            _forward = null;
            while (_pending.TryDequeue(out var waiting))
            {
                if (!waiting.IsSystem)
                {
                    held.Add(waiting);
                }
            }

            return held;
        }
    }

    internal void CompleteDeactivation() => _deactivated?.TrySetResult();

    private void RunRequest(GrainRequestBase request)
    {
        if (Runtime.Metrics.TurnDuration.Enabled)
        {
            request.StartedAt = Stopwatch.GetTimestamp();
        }

        SynchronizationContext.SetSynchronizationContext(request);
        Task task;
        try
        {
            task = request.InvokeOn(this);
        }
#pragma warning disable CA1031 // A grain exception belongs to its caller; the activation survives.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            task = Task.FromException(ex);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }

        if (task.IsCompleted)
        {
            FinishRequest(request, task);
        }
        else
        {
            task.GetAwaiter().UnsafeOnCompleted(() => FinishRequest(request, task));
        }
    }

    private bool OnFinishedLocked(GrainRequestBase request)
    {
        request.Done = true;
        _running--;
        if (request.KeepsAlive)
        {
            _lastActivity = Runtime.Time.GetTimestamp();
        }

        return _deactivateOnIdle && _running == 0 && _state == ActivationState.Valid;
    }

    private void RecordFinished(GrainRequestBase request)
    {
        var metrics = Runtime.Metrics;
        metrics.Calls.Add(1);
        if (request.StartedAt != 0)
        {
            metrics.TurnDuration.Record(Stopwatch.GetElapsedTime(request.StartedAt).TotalMilliseconds);
        }
    }

    private bool CanAdmit(GrainRequestBase request)
    {
        if (request.IsSystem)
        {
            return _running == 0;
        }

        if (_state != ActivationState.Valid)
        {
            return false;
        }

        return Id.Class.IsReentrant || request.IsAlwaysInterleave || _running == 0;
    }

    private bool TryClaimPumpLocked()
    {
        if (_pumpActive)
        {
            return false;
        }

        if (_work.Count > 0 || (_pending.TryPeek(out var next) && CanAdmit(next)))
        {
            _pumpActive = true;
            return true;
        }

        return false;
    }

    private bool IsInCallChain(GrainRequestBase? caller)
    {
        for (var depth = 0; caller is not null && depth < MaxChainDepth; depth++, caller = caller.Caller)
        {
            if (ReferenceEquals(caller.Target, this) && !caller.Done)
            {
                return true;
            }
        }

        return false;
    }

    private string DescribeDeadlock(GrainRequestBase request)
    {
        var chain = new List<string> { $"{request.InterfaceName}.{request.MethodName} → {Id}" };
        for (var caller = request.Caller; caller is not null && chain.Count < 16; caller = caller.Caller)
        {
            chain.Add($"{caller.InterfaceName}.{caller.MethodName} → {caller.Target?.Id.ToString() ?? "?"}");
        }

        chain.Reverse();
        return $"Deadlock: {Id} is not reentrant and is already waiting for this call. Call chain: {string.Join(" ⇒ ", chain)}. " +
            "Mark the grain [Reentrant] or the method [AlwaysInterleave], or break the cycle.";
    }

    private readonly record struct WorkItem(SendOrPostCallback Callback, object? State, GrainRequestBase Context);
}
