namespace JobHome.Benchmarks.Runtime;

/// <summary>A small argument record, as grain interfaces use.</summary>
public sealed record PlacementQuery(string SeekerId, string PostId, int Top);
