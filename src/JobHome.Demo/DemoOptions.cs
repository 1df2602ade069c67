namespace JobHome.Demo;

/// <summary>What to generate: number of counties (the first is always Xinfeng) and the seed. Default seed: 1.</summary>
public sealed record DemoOptions(int Counties, ulong Seed = 1)
{
    /// <summary>Counties per synthetic city (the first city is 赣州市). Default: 10.</summary>
    public int CountiesPerCity { get; init; } = 10;

    /// <summary>Largest supported number of counties (site codes have room for 9,999).</summary>
    public const int MaxCounties = 9999;
}
