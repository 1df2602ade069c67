namespace JobHome.Matching.Simulation;

/// <summary>SplitMix64: a tiny seeded generator whose sequence never changes across .NET versions (unlike System.Random).</summary>
internal sealed class SplitMixRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
