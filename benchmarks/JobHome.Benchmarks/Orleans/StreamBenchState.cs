using Orleans;

namespace JobHome.Benchmarks.Orleans;

/// <summary>The consumer's aggregate and last applied token, written together.</summary>
[GenerateSerializer]
[Alias("jobhome.bench.stream-consumer-state")]
public sealed class StreamBenchState
{
    /// <summary>Events applied.</summary>
    [Id(0)]
    public long Count { get; set; }

    /// <summary>Sum of the applied events.</summary>
    [Id(1)]
    public long Sum { get; set; }

    /// <summary>Sequence number of the last applied token.</summary>
    [Id(2)]
    public long LastSequence { get; set; } = -1;

    /// <summary>Event index of the last applied token.</summary>
    [Id(3)]
    public int LastIndex { get; set; } = -1;
}
