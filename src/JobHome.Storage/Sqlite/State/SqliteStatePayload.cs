using System.Buffers;

namespace JobHome.Storage.Sqlite.State;

/// <summary>
/// A grain state's stored bytes on their way to the writer: the first <see cref="Length"/> bytes of <see cref="Array"/>,
/// which is rented from <see cref="ArrayPool{T}.Shared"/> when <see cref="Rented"/> (returned once the write completed or
/// failed: the writer never runs a write again after that); no array for a clear (NULL payload).
/// </summary>
internal readonly struct SqliteStatePayload
{
    private SqliteStatePayload(byte[]? array, int length, bool rented)
    {
        Array = array;
        Length = length;
        Rented = rented;
    }

    /// <summary>No payload: the row's state is cleared.</summary>
    public static SqliteStatePayload None => default;

    /// <summary>The array holding the bytes; null for a clear.</summary>
    public byte[]? Array { get; }

    /// <summary>How many bytes of <see cref="Array"/> are the payload.</summary>
    public int Length { get; }

    /// <summary>True when <see cref="Array"/> came from the shared pool.</summary>
    public bool Rented { get; }

    /// <summary>The payload's bytes (empty for a clear).</summary>
    public ReadOnlySpan<byte> Span => Array.AsSpan(0, Length);

    /// <summary>A payload of exactly <paramref name="bytes"/> (not rented).</summary>
    public static SqliteStatePayload Of(byte[] bytes) => new(bytes, bytes.Length, rented: false);

    /// <summary>A copy of <paramref name="bytes"/> in a rented array.</summary>
    public static SqliteStatePayload Rent(ReadOnlySpan<byte> bytes)
    {
        var array = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(array);
        return new SqliteStatePayload(array, bytes.Length, rented: true);
    }

    /// <summary>Gives a rented array back to the pool; nothing may read the payload afterwards.</summary>
    public void Return()
    {
        if (Rented)
        {
            ArrayPool<byte>.Shared.Return(Array!);
        }
    }
}
