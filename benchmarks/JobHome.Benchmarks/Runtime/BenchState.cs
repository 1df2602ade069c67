namespace JobHome.Benchmarks.Runtime;

/// <summary>State of <see cref="BenchGrain"/>.</summary>
public sealed class BenchState
{
    public int Value { get; set; }

    public string Label { get; set; } = "县级人力资源市场";
}
