using System.Text.Json;

namespace JobHome.Actors.AdoNet.ConsumerHost;

/// <summary>
/// The aggregating consumer's whole state, written in one state write: the last sequence applied per stream (to drop
/// redeliveries) and the aggregate itself (count, sum, and a bitmap of event numbers to prove none was applied twice).
/// </summary>
public sealed class AggregateState
{
    public Dictionary<string, long> LastSequence { get; set; } = [];

    public long Count { get; set; }

    public long Sum { get; set; }

    public long AppliedTwice { get; set; }

    public byte[] Seen { get; set; } = [];

    public static AggregateState Parse(byte[]? payload) =>
        payload is null ? new AggregateState() : JsonSerializer.Deserialize<AggregateState>(payload) ?? new AggregateState();

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>Applies an event numbered <paramref name="value"/> (0-based) unless its sequence was seen on its stream.</summary>
    public bool TryApply(string stream, long sequence, int value, int total)
    {
        if (LastSequence.TryGetValue(stream, out var last) && sequence <= last)
        {
            return false;
        }

        if (Seen.Length == 0)
        {
            Seen = new byte[(total + 7) / 8];
        }

        LastSequence[stream] = sequence;
        var mask = (byte)(1 << (value % 8));
        if ((Seen[value / 8] & mask) != 0)
        {
            AppliedTwice++;
        }

        Seen[value / 8] |= mask;
        Count++;
        Sum += value;
        return true;
    }
}
