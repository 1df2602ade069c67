using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JobHome.Silo.Security.Audit;

/// <summary>The hash chain: each record's hash is SHA-256 over the previous record's hash and the record's fields.</summary>
public static class AuditChain
{
    /// <summary>
    /// Lower-case hex SHA-256 of <paramref name="previousHash"/> (empty for the first record) and the fields of <paramref name="r"/>:
    /// the UTF-8 of the eleven texts joined by U+001F (previous hash, time in Unix milliseconds, actor, role, address, action,
    /// target, site, path, reason, status; a missing one as empty). Every audited request hashes one: the texts are written
    /// as UTF-8 straight into one buffer, not joined into a string first (the same bytes: the separator is ASCII).
    /// </summary>
    public static string Hash(string previousHash, AuditRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        Span<char> at = stackalloc char[24];
        r.At.ToUnixTimeMilliseconds().TryFormat(at, out var atLength, provider: CultureInfo.InvariantCulture);
        Span<char> status = stackalloc char[12];
        r.Status.TryFormat(status, out var statusLength, provider: CultureInfo.InvariantCulture);
        var texts = new FieldTexts(previousHash, r.Actor, r.Role, r.Address, r.Action, r.TargetId, r.SiteCode, r.SitePath, r.Reason);
        var max = texts.MaxBytes() + atLength + statusLength + 10;
        byte[]? rented = null;
        Span<byte> buffer = max <= 2048 ? stackalloc byte[2048] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetBytes(texts.Previous, buffer);
            n += Separated(at[..atLength], buffer[n..]);
            n += Separated(texts.Actor, buffer[n..]);
            n += Separated(texts.Role, buffer[n..]);
            n += Separated(texts.Address, buffer[n..]);
            n += Separated(texts.Action, buffer[n..]);
            n += Separated(texts.Target, buffer[n..]);
            n += Separated(texts.Site, buffer[n..]);
            n += Separated(texts.Path, buffer[n..]);
            n += Separated(texts.Reason, buffer[n..]);
            n += Separated(status[..statusLength], buffer[n..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..n], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // The separator, then the text's UTF-8; returns the bytes written.
    private static int Separated(ReadOnlySpan<char> text, Span<byte> buffer)
    {
        buffer[0] = 0x1f;
        return 1 + Encoding.UTF8.GetBytes(text, buffer[1..]);
    }

    /// <summary>Escapes <c>%</c>, <c>_</c> and <c>\</c> for a LIKE pattern with <c>ESCAPE '\'</c>.</summary>
    public static string LikeEscape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    // The record's texts, a missing one as empty (as string.Join wrote it).
    private readonly struct FieldTexts(string? previous, string? actor, string? role, string? address, string? action, string? target,
        string? site, string? path, string? reason)
    {
        public string Previous { get; } = previous ?? string.Empty;

        public string Actor { get; } = actor ?? string.Empty;

        public string Role { get; } = role ?? string.Empty;

        public string Address { get; } = address ?? string.Empty;

        public string Action { get; } = action ?? string.Empty;

        public string Target { get; } = target ?? string.Empty;

        public string Site { get; } = site ?? string.Empty;

        public string Path { get; } = path ?? string.Empty;

        public string Reason { get; } = reason ?? string.Empty;

        public int MaxBytes() => Encoding.UTF8.GetMaxByteCount(Previous.Length + Actor.Length + Role.Length + Address.Length
            + Action.Length + Target.Length + Site.Length + Path.Length + Reason.Length);
    }
}
