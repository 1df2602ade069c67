using System.Diagnostics.Metrics;

namespace JobHome.Actors.AdoNet.Diagnostics;

/// <summary>Storage latency of the ADO.NET providers on the meter <c>JobHome.Actors.AdoNet</c>.</summary>
internal sealed class AdoNetStorageMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "JobHome.Actors.AdoNet";

    /// <summary>Name of the latency histogram (seconds, tagged with <c>db.system</c> and <c>jobhome.operation</c>).</summary>
    public const string DurationInstrumentName = "jobhome.adonet.operation.duration";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _duration;

    public AdoNetStorageMetrics(IMeterFactory? meterFactory)
    {
        // With a factory (AddMetrics) the host owns the meter's lifetime; without one we do.
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _duration = _meter.CreateHistogram<double>(
            DurationInstrumentName,
            unit: "s",
            description: "Duration of grain state, reminder and stream log operations against the database.");
    }

    public void RecordDuration(string system, string operation, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("db.system", system), new KeyValuePair<string, object?>("jobhome.operation", operation));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
