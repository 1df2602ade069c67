using System.Security.Cryptography;
using System.Text;
using JobHome.Domain.People;

namespace JobHome.Grains.People;

/// <summary>
/// Registry keys for ID-card numbers: HMAC-SHA256 under a server secret, so grain keys, storage rows and logs never
/// carry the number and cannot be reversed by enumerating the (small) space of valid numbers without the secret.
/// </summary>
public sealed class IdCardKeys(IdCardKeyOptions options)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options?.Secret ?? throw new ArgumentNullException(nameof(options)));

    /// <summary>The key of the registry grain for <paramref name="number"/>.</summary>
    public string KeyOf(IdCardNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var mac = HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(number.RevealFullNumber()));
        return "idc-" + Convert.ToHexStringLower(mac);
    }
}
