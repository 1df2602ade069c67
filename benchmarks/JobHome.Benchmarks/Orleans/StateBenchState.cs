using Orleans;

namespace JobHome.Benchmarks.Orleans;

/// <summary>A 256-byte grain state.</summary>
[GenerateSerializer]
[Alias("jobhome.bench.state-payload")]
public sealed class StateBenchState
{
    /// <summary>The payload.</summary>
    [Id(0)]
    public byte[] Payload { get; set; } = new byte[256];
}
