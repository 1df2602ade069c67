namespace JobHome.Benchmarks.Runtime;

/// <summary>An event on the benchmark stream.</summary>
public sealed record SiteCounted(int Value);
