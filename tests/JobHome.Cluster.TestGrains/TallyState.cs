namespace JobHome.Cluster.TestGrains;

/// <summary>Persisted tally: the aggregate and the ids that make it up, written together.</summary>
[GenerateSerializer]
[Alias("jobhome.test.tally-state")]
public sealed class TallyState
{
    /// <summary>Distinct events applied.</summary>
    [Id(0)]
    public long Count { get; set; }

    /// <summary>Sum of the applied ids.</summary>
    [Id(1)]
    public long Sum { get; set; }

    /// <summary>Redeliveries of an id already applied.</summary>
    [Id(2)]
    public long Duplicates { get; set; }

    /// <summary>Bitmap of applied events: bit <c>slot</c> set once the event is applied.</summary>
    [Id(3)]
    public byte[] Seen { get; set; } = [];
}
