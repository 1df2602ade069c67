using Orleans.Storage;

namespace JobHome.Storage.Sqlite.State;

/// <summary>
/// The embedded store's grain-state format: Orleans' binary serializer behind a two-byte header (0x00, 0x01), which no
/// JSON document starts with. Rows written before it (the silo's JSON serializer) still read: a payload without the
/// header goes to <c>legacy</c>, and the next write stores it in binary. Binary costs a fraction of the JSON's CPU and
/// allocations on every state write (see docs/grains.md, Measured: the change mix).
/// </summary>
public sealed class SqliteStateSerializer(IGrainStorageSerializer binary, IGrainStorageSerializer legacy) : IGrainStorageSerializer
{
    private static readonly byte[] Header = [0x00, 0x01];

    /// <summary>True when <paramref name="payload"/> starts with the binary format's header.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> payload) => payload.StartsWith(Header);

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input)
    {
        var body = binary.Serialize(input).ToMemory().Span;
        var bytes = new byte[Header.Length + body.Length];
        Header.CopyTo(bytes, 0);
        body.CopyTo(bytes.AsSpan(Header.Length));
        return new BinaryData(bytes);
    }

    /// <inheritdoc />
    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var memory = input.ToMemory();
        return IsBinary(memory.Span)
            ? binary.Deserialize<T>(new BinaryData(memory[Header.Length..]))
            : legacy.Deserialize<T>(input);
    }
}
