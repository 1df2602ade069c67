namespace JobHome.Benchmarks.Orleans;

/// <summary>A small argument record (deep-copied on local calls: Orleans cannot know it is immutable).</summary>
[GenerateSerializer]
[Alias("jobhome.bench.call-query")]
public sealed record CallQuery([property: Id(0)] string SeekerId, [property: Id(1)] string PostId, [property: Id(2)] int Top);
