using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace JobHome.Actors.Diagnostics;

/// <summary>Runtime metrics on the Meter "JobHome.Actors" (created through <see cref="IMeterFactory"/> when available).</summary>
internal sealed class ActorsMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "JobHome.Actors";

    private readonly Meter _meter;
    private long _activations;

    public ActorsMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Calls = _meter.CreateCounter<long>("jobhome.actors.calls", "{call}", "Grain calls completed.");
        TurnDuration = _meter.CreateHistogram<double>("jobhome.actors.turn.duration", "ms", "Time from admission to completion of a grain request.");
        StreamLag = _meter.CreateHistogram<double>("jobhome.actors.stream.lag", "ms", "Time from append to successful delivery of a stream event.");
        StorageLatency = _meter.CreateHistogram<double>("jobhome.actors.storage.duration", "ms", "Grain state storage operation latency.");
        StreamEvents = _meter.CreateCounter<long>("jobhome.actors.stream.delivered", "{event}", "Stream events delivered.");
        DeadLetters = _meter.CreateCounter<long>("jobhome.actors.stream.dead_letters", "{event}", "Stream events dead-lettered.");
        _meter.CreateObservableUpDownCounter("jobhome.actors.activations", () => Volatile.Read(ref _activations), "{activation}", "Live activations.");
    }

    public Counter<long> Calls { get; }

    public Histogram<double> TurnDuration { get; }

    public Histogram<double> StreamLag { get; }

    public Histogram<double> StorageLatency { get; }

    public Counter<long> StreamEvents { get; }

    public Counter<long> DeadLetters { get; }

    public void ActivationCreated() => Interlocked.Increment(ref _activations);

    public void ActivationRemoved() => Interlocked.Decrement(ref _activations);

    public void RecordStorage(string operation, long startedTimestamp)
    {
        if (StorageLatency.Enabled)
        {
            StorageLatency.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
        }
    }

    public void Dispose() => _meter.Dispose();
}
