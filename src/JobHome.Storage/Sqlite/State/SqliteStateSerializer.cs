using System.Buffers;
using Orleans.Serialization;
using Orleans.Storage;

namespace JobHome.Storage.Sqlite.State;

/// <summary>
/// The embedded store's grain-state format: Orleans' binary serializer behind a two-byte header (0x00, 0x01), which no
/// JSON document starts with. Rows written before it (the silo's JSON serializer) still read: a payload without the
/// header goes to <c>legacy</c>, and the next write stores it in binary. Binary costs a fraction of the JSON's CPU and
/// allocations on every state write (see docs/grains.md, Measured: the change mix).
/// </summary>
/// <remarks>
/// Given Orleans' <paramref name="raw"/> serializer (the silo passes it; <paramref name="binary"/> must be Orleans' grain
/// storage serializer over the same one), <see cref="SerializeToArray{T}"/> writes the header and the state into a buffer
/// kept per thread and allocates the stored array once: the same bytes as the header followed by
/// <paramref name="binary"/>'s array, without that array and its copy (a state write made three arrays of its size).
/// </remarks>
public sealed class SqliteStateSerializer(IGrainStorageSerializer binary, IGrainStorageSerializer legacy, Serializer? raw = null)
    : IGrainStorageSerializer
{
    private static readonly byte[] Header = [0x00, 0x01];

    // A buffer larger than this after a write is dropped rather than kept by the thread (a rare large state).
    private const int KeptBufferBytes = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>True when <paramref name="payload"/> starts with the binary format's header.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> payload) => payload.StartsWith(Header);

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(SerializeToArray(input));

    /// <summary>The stored form of <paramref name="input"/>: the header, then Orleans' binary form, in one new array.</summary>
    public byte[] SerializeToArray<T>(T? input)
    {
        if (raw is null)
        {
            var body = binary.Serialize(input).ToMemory().Span;
            var bytes = new byte[Header.Length + body.Length];
            Header.CopyTo(bytes, 0);
            body.CopyTo(bytes.AsSpan(Header.Length));
            return bytes;
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        try
        {
            buffer.Write(Header);
            raw.Serialize(input, buffer);
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity > KeptBufferBytes)
            {
                t_buffer = null;
            }
            else
            {
                buffer.ResetWrittenCount();
            }
        }
    }

    /// <summary>
    /// The stored form of <paramref name="input"/> (the same bytes as <see cref="SerializeToArray{T}"/>) in an array rented
    /// from <see cref="ArrayPool{T}.Shared"/>: the caller returns it (<see cref="SqliteStatePayload.Return"/>) once nothing
    /// reads it any more, so a state write allocates no array of the state's size.
    /// </summary>
    internal SqliteStatePayload SerializeRented<T>(T? input)
    {
        if (raw is null)
        {
            return SqliteStatePayload.Of(SerializeToArray(input));
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        try
        {
            buffer.Write(Header);
            raw.Serialize(input, buffer);
            return SqliteStatePayload.Rent(buffer.WrittenSpan);
        }
        finally
        {
            if (buffer.Capacity > KeptBufferBytes)
            {
                t_buffer = null;
            }
            else
            {
                buffer.ResetWrittenCount();
            }
        }
    }

    /// <summary>
    /// Reads a stored payload in place (no copy of it for the binary format, given Orleans' <c>raw</c> serializer); the
    /// same state as <see cref="Deserialize{T}(BinaryData)"/> of those bytes.
    /// </summary>
    internal T? Deserialize<T>(ReadOnlySpan<byte> payload) =>
        raw is not null && IsBinary(payload)
            ? raw.Deserialize<T>(payload[Header.Length..])
            : Deserialize<T>(new BinaryData(payload.ToArray()));

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
