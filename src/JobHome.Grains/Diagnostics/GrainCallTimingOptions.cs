namespace JobHome.Grains.Diagnostics;

/// <summary>What <see cref="GrainCallTiming"/> reports as a slow grain call (<c>JobHome:Diagnostics</c>).</summary>
public sealed class GrainCallTimingOptions
{
    /// <summary>
    /// A grain call that takes longer than this, from the moment the target activation starts it until its task completes,
    /// is counted (<c>jobhome.grain_call.slow</c>) and logged with its grain type and method. Default: 1 s.
    /// </summary>
    public TimeSpan SlowCallThreshold { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A caller's round trip (<c>jobhome.grain_call.roundtrip</c>) is timed for one call in this many per thread; the other
    /// calls are not observed (no await, no measurement). The target's own time
    /// (<c>jobhome.grain_call.duration</c>), its count and the slow calls stay exact. 1 times every call. Default: 16.
    /// </summary>
    public int RoundtripSampleEvery { get; init; } = 16;
}
