namespace JobHome.Actors.AdoNet.ConsumerHost;

/// <summary>
/// The aggregator's state, written whole in one state write: the last sequence applied (to drop redeliveries) and the
/// aggregate (count, sum, and a bitmap of the stream's event indices to prove none was applied twice).
/// </summary>
public sealed class AggregatorState
{
    public long LastSequence { get; set; }

    public long Count { get; set; }

    public long Sum { get; set; }

    public long AppliedTwice { get; set; }

    public byte[] Seen { get; set; } = [];

    public bool IsSeen(int index) => index / 8 < Seen.Length && (Seen[index / 8] & (1 << (index % 8))) != 0;
}
