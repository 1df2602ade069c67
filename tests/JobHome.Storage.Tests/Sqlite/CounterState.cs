using Orleans;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>A persisted counter used by the storage and cluster tests.</summary>
[GenerateSerializer]
[Alias("jobhome.tests.counter-state")]
public sealed class CounterState
{
    [Id(0)]
    public long Value { get; set; }
}
