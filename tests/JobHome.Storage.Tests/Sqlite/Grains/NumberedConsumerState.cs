using Orleans;

namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>
/// The numbered consumer's aggregate and the ids it applied, written together: a redelivery is recognised by the event's
/// id (its content), whatever token it comes with (rows put back into the queue come under new ids).
/// </summary>
[GenerateSerializer]
[Alias("jobhome.tests.numbered-consumer-state")]
public sealed class NumberedConsumerState
{
    [Id(0)]
    public long Count { get; set; }

    [Id(1)]
    public long Sum { get; set; }

    [Id(2)]
    public List<long> Applied { get; set; } = [];
}
