using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JobHome.Silo.Security.Audit;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// The audit chain's hash is written without joining the fields into one string first: it must stay exactly the SHA-256
/// of the UTF-8 of the fields joined by U+001F, as stored chains were hashed (missing fields empty), for short and long
/// records, non-ASCII texts and a lone surrogate.
/// </summary>
public sealed class AuditChainTests
{
    [Fact]
    public void Hash_IsTheSha256OfTheJoinedFields()
    {
        (string Previous, string? Site, string? Reason, string Actor)[] cases =
        [
            (string.Empty, "V3607220101", null, "admin"),
            (new string('a', 64), null, "更正：身份证号录入错误 (reason)", "区县操作员"),
            (new string('f', 64), "T36072201", new string('长', 3000), "op"),
            ("0123", "X360722", "lone \ud800 surrogate", "emoji 😀 user"),
        ];
        foreach (var (previous, site, reason, actor) in cases)
        {
            Check(previous, site, reason, actor);
        }
    }

    private static void Check(string previous, string? site, string? reason, string actor)
    {
        var record = new AuditRecord(0, new DateTimeOffset(2026, 11, 30, 23, 15, 1, 234, TimeSpan.Zero), actor, "county",
            "127.0.0.1", "POST /api/placements/{id}/end", "pl-1", site, site is null ? string.Empty : "/P36/" + site + "/", reason,
            201, string.Empty);

        var joined = string.Join('\u001f', previous,
            record.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), record.Actor, record.Role, record.Address,
            record.Action, record.TargetId, record.SiteCode ?? string.Empty, record.SitePath, record.Reason ?? string.Empty,
            record.Status.ToString(CultureInfo.InvariantCulture));
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));

        Assert.Equal(expected, AuditChain.Hash(previous, record));
    }
}
