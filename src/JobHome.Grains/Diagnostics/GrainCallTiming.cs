using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using JobHome.Storage.Calls;
using Microsoft.Extensions.Logging;
using Orleans.Serialization.Invocation;

namespace JobHome.Grains.Diagnostics;

/// <summary>
/// Times every grain call a silo runs and samples the calls it makes (an incoming grain call filter, and an outgoing call
/// observer, <see cref="IOutgoingCallObserver"/>, so that the calls the silo makes keep Orleans' pooled path): per grain
/// type and method, a histogram of how long the target ran the call (<c>jobhome.grain_call.duration</c>, ms: from the
/// moment the activation started it until its task completed, awaits included; every call) and of the caller's whole wait
/// (<c>jobhome.grain_call.roundtrip</c>, ms: queueing at the target, the target's own time and the transport; one call in
/// <see cref="GrainCallTimingOptions.RoundtripSampleEvery"/>, so its count is not the number of calls). The difference of
/// the two means for a grain type is the time its calls waited in the activation's queue, which a call filter cannot see
/// directly. Calls over
/// <see cref="GrainCallTimingOptions.SlowCallThreshold"/> are counted (<c>jobhome.grain_call.slow</c>) and logged with the
/// grain type, method and elapsed time — at most one line per grain type and method per <see cref="LogInterval"/>, naming
/// how many slow calls it stands for (<see cref="SlowCallLogGate"/>); never the grain's key or arguments (they may name a
/// person).
/// </summary>
/// <remarks>
/// Orleans' own warning ("took elapsed time … longer than 00:00:01", WorkItemGroup 101215) times a scheduler work item,
/// and an activation's message loop (<c>ActivationData.RunMessageLoop</c>) is one work item that starts every queued
/// request it may start, running each synchronous grain method to its end: a busy grain whose methods do not await
/// drains its queue of short calls in one such item. This filter tells the two cases apart: a long call shows here, a long
/// drain of short calls does not (its calls' round trips do). A one-way call's round trip is not recorded: its caller
/// does not wait for the target, so it would be ~0 ms and its difference with the duration meaningless.
/// </remarks>
public sealed partial class GrainCallTiming(TimeProvider time, GrainCallTimingOptions options, ILogger<GrainCallTiming> logger)
    : IIncomingGrainCallFilter, IOutgoingCallObserver
{
    /// <summary>The meter of the grain call timings.</summary>
    public const string MeterName = "JobHome.Grains.Diagnostics";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "jobhome.grain_call.duration", "ms", "How long the target activation ran a grain call, per grain type and method");
    private static readonly Histogram<double> Roundtrip = Meter.CreateHistogram<double>(
        "jobhome.grain_call.roundtrip", "ms", "How long a caller in this silo waited for a grain call, per grain type and method");
    private static readonly Counter<long> Slow = Meter.CreateCounter<long>(
        "jobhome.grain_call.slow", "calls", "Grain calls that ran longer than the slow-call threshold, per grain type and method");

    /// <summary>At most one slow-call line per grain type and method in this long; the counter counts every slow call.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly SlowCallLogGate _logGate = new(time, LogInterval);

    // GrainType.ToString() decodes its UTF-8 name into a new string each time; the types are few and live as long as the silo.
    private static readonly ConcurrentDictionary<GrainType, string> Names = new();

    [ThreadStatic]
    private static int _outgoingCalls;

    /// <summary>The threshold in effect.</summary>
    public TimeSpan SlowCallThreshold => options.SlowCallThreshold;

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = time.GetTimestamp();
        Task call;
        try
        {
            call = context.Invoke();
        }
        catch
        {
            Finish(context, started);
            throw;
        }
        // A call that completed in its first turn (a one-way notice, a read from memory) is timed without a state machine.
        if (call.IsCompleted)
        {
            Finish(context, started);
            return call;
        }
        return FinishAfter(context, call, started);
    }

    private async Task FinishAfter(IIncomingGrainCallContext context, Task call, long started)
    {
        try
        {
            await call;
        }
        finally
        {
            Finish(context, started);
        }
    }

    private void Finish(IIncomingGrainCallContext context, long started)
    {
        var elapsed = time.GetElapsedTime(started);
        var slow = elapsed > options.SlowCallThreshold && !WaitsByDesign(context.TargetId, context.MethodName);
        if (Duration.Enabled || slow)
        {
            Record(context, elapsed, slow);
        }
    }

    /// <summary>
    /// Chooses one waited-for call in <see cref="GrainCallTimingOptions.RoundtripSampleEvery"/> (one-way calls are never
    /// offered: their caller does not wait, so there is no round trip to time nor a queue wait to derive); the others are
    /// not awaited here and cost no measurement.
    /// </summary>
    public object? OnSending(GrainReference target, IInvokable request)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        return Roundtrip.Enabled && Sampled()
            ? new RoundtripStart(time.GetTimestamp(), Name(target.GrainId.Type), request.GetMethodName())
            : null;
    }

    /// <inheritdoc />
    public void OnCompleted(object state, Exception? failure)
    {
        var start = (RoundtripStart)state;
        Roundtrip.Record(time.GetElapsedTime(start.Timestamp).TotalMilliseconds, Tags(start.GrainType, start.Method));
    }

    // A sampled call: when it was sent, and the names its round trip is recorded under.
    private sealed record RoundtripStart(long Timestamp, string GrainType, string Method);

    // One waited-for call in RoundtripSampleEvery per thread (a thread-local count: no shared counter between the silo's
    // threads; one-way calls are not counted).
    private bool Sampled()
    {
        var every = options.RoundtripSampleEvery;
        if (every <= 1)
        {
            return true;
        }
        if (++_outgoingCalls >= every)
        {
            _outgoingCalls = 0;
            return true;
        }
        return false;
    }

    private void Record(IIncomingGrainCallContext context, TimeSpan elapsed, bool slow)
    {
        var grainType = Name(context.TargetId.Type);
        var tags = Tags(grainType, context.MethodName);
        Duration.Record(elapsed.TotalMilliseconds, tags);
        if (slow)
        {
            Slow.Add(1, tags);
            if (_logGate.TryEnter(grainType + " " + context.MethodName, out var heldBack))
            {
                LogSlowCall(logger, grainType, context.InterfaceName, context.MethodName, (long)elapsed.TotalMilliseconds,
                    (long)options.SlowCallThreshold.TotalMilliseconds, heldBack, (long)LogInterval.TotalSeconds);
            }
        }
    }

    /// <summary>
    /// True for a call that waits by design and so is never a slow call: a pulling stream agent's timer callback (a system
    /// target). Its read loop waits on the queue's wake-up signal for up to the queue's idle wait (1 s on the embedded
    /// store, docs/embedded.md) before it reads again, so an idle silo's agents each "ran" ~1 s every time. The deliveries
    /// it makes are timed at their consumers (<c>DeliverBatch</c>). Its duration is still recorded.
    /// </summary>
    public static bool WaitsByDesign(GrainId target, string methodName) =>
        string.Equals(methodName, "InvokeCallbackAsync", StringComparison.Ordinal)
        && SystemTargetGrainId.IsSystemTargetGrainId(target)
        && string.Equals(Name(target.Type), StreamAgentType, StringComparison.Ordinal);

    // Orleans' grain type of the persistent stream pulling agents (the key names the silo and queue); their manager is
    // "sys.svc.stream.agent-mgr", whose timer does real work and stays timed.
    private const string StreamAgentType = "sys.svc.stream.agent";

    private static string Name(GrainType grainType) => Names.GetOrAdd(grainType, static type => type.ToString());

    private static TagList Tags(string grainType, string method) => new()
    {
        { "grain_type", grainType },
        { "method", method },
    };

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "Slow grain call: {GrainType} {Interface}.{Method} ran {ElapsedMs} ms (threshold {ThresholdMs} ms); "
            + "{HeldBack} more slow calls of it since its last line (one line per {IntervalSeconds} s)")]
    private static partial void LogSlowCall(ILogger logger, string grainType, string @interface, string method, long elapsedMs,
        long thresholdMs, int heldBack, long intervalSeconds);
}
