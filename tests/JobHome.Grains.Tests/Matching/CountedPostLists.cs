using System.Diagnostics.Metrics;
using JobHome.Grains.Matching;

namespace JobHome.Grains.Tests.Matching;

/// <summary>Sums the post lists' counters of why holders are recomputed, by name and tag value, while it lives.</summary>
internal sealed class CountedPostLists : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string, string?), long> _sums = [];

    public CountedPostLists()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PostListMetrics.MeterName
                && instrument.Name is PostListMetrics.MarkedAgainName or PostListMetrics.ListersToldName
                    or PostListMetrics.PushesSameIdsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tag = null;
            foreach (var t in tags)
            {
                tag = t.Value as string;
            }
            lock (_sums)
            {
                _sums[(instrument.Name, tag)] = _sums.GetValueOrDefault((instrument.Name, tag)) + value;
            }
        });
        _listener.Start();
    }

    public long Get(string name, string? tag = null)
    {
        lock (_sums)
        {
            return _sums.GetValueOrDefault((name, tag));
        }
    }

    public override string ToString()
    {
        lock (_sums)
        {
            return string.Join(", ", _sums.Select(static s => $"{s.Key.Item1}[{s.Key.Item2}] = {s.Value}"));
        }
    }

    public void Dispose() => _listener.Dispose();
}
