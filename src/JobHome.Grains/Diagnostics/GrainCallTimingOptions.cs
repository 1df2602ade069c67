namespace JobHome.Grains.Diagnostics;

/// <summary>What <see cref="GrainCallTiming"/> reports as a slow grain call (<c>JobHome:Diagnostics</c>).</summary>
public sealed class GrainCallTimingOptions
{
    /// <summary>
    /// A grain call that takes longer than this, from the moment the target activation starts it until its task completes,
    /// is counted (<c>jobhome.grain_call.slow</c>) and logged with its grain type and method. Default: 1 s.
    /// </summary>
    public TimeSpan SlowCallThreshold { get; init; } = TimeSpan.FromSeconds(1);
}
