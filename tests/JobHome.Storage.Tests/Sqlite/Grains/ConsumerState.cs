using Orleans;

namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>
/// The consumer's aggregate and the last sequence token applied, written together in one state write: a redelivered
/// event (token not after the last applied one) is skipped, so the aggregate counts each event exactly once.
/// </summary>
[GenerateSerializer]
[Alias("jobhome.tests.consumer-state")]
public sealed class ConsumerState
{
    [Id(0)]
    public long Count { get; set; }

    [Id(1)]
    public long Sum { get; set; }

    [Id(2)]
    public long LastSequence { get; set; } = -1;

    [Id(3)]
    public int LastIndex { get; set; } = -1;
}
