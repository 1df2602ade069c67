using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JobHome.Silo.Security.Audit;

/// <summary>The hash chain: each record's hash is SHA-256 over the previous record's hash and the record's fields.</summary>
public static class AuditChain
{
    /// <summary>
    /// Lower-case hex SHA-256 of <paramref name="previousHash"/> (empty for the first record) and the fields of <paramref name="r"/>.
    /// </summary>
    public static string Hash(string previousHash, AuditRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var text = string.Join('\u001f',
            previousHash,
            r.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            r.Actor, r.Role, r.Address, r.Action, r.TargetId, r.SiteCode ?? string.Empty, r.SitePath, r.Reason ?? string.Empty,
            r.Status.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Escapes <c>%</c>, <c>_</c> and <c>\</c> for a LIKE pattern with <c>ESCAPE '\'</c>.</summary>
    public static string LikeEscape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
