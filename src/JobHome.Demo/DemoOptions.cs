namespace JobHome.Demo;

/// <summary>What to generate: number of counties (the first is always Xinfeng) and the seed. Default seed: 1.</summary>
public sealed record DemoOptions(int Counties, ulong Seed = 1)
{
    /// <summary>Counties per synthetic city (the first city is 赣州市). Default: 10.</summary>
    public int CountiesPerCity { get; init; } = 10;

    /// <summary>
    /// Multiplies the seekers drawn per site and the employers per county (so posts too), for load tests at province
    /// scale: 100 counties at density 6 ≈ 1.3 million seekers and 100,000 posts. 1–50; the same seed and density give
    /// the same bytes, and density 1 is the original output. Default: 1.
    /// </summary>
    public int Density { get; init; } = 1;

    /// <summary>Largest supported density.</summary>
    public const int MaxDensity = 50;

    /// <summary>Largest supported number of counties (site codes have room for 9,999).</summary>
    public const int MaxCounties = 9999;
}
