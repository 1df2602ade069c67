using Orleans;

namespace JobHome.Storage.SqliteHost;

/// <summary>
/// One stream's aggregate and the next event number it expects, written together. Events of a stream are numbered
/// 0, 1, 2, …: a number below <see cref="Next"/> is a duplicate (a redelivery, or a batch the producer published
/// again after a kill) and is skipped; a number above it would be a gap.
/// </summary>
[GenerateSerializer]
[Alias("jobhome.kill.consumer-state")]
public sealed class KillConsumerState
{
    /// <summary>The next event number to apply (= events applied).</summary>
    [Id(0)]
    public long Next { get; set; }

    /// <summary>Sum of the applied event numbers.</summary>
    [Id(1)]
    public long Sum { get; set; }

    /// <summary>Duplicates skipped.</summary>
    [Id(2)]
    public long Duplicates { get; set; }

    /// <summary>Events that arrived ahead of <see cref="Next"/> (must stay 0: delivery is in order per stream).</summary>
    [Id(3)]
    public long Gaps { get; set; }
}
