using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobHome.Silo.Tests.Security;

/// <summary>Tokens minted by the tests with the secured silo's configured key (or a wrong one): expired, forged, alg none.</summary>
internal static class TestTokens
{
    /// <summary>
    /// A token for <paramref name="username"/> signed with <paramref name="key"/> (base64), valid in the given window; its id
    /// (<c>jti</c>) is <paramref name="tokenId"/>, a new one when empty, none when null.
    /// </summary>
    public static string Mint(string username, string role, string? site, string stamp, DateTime notBefore, DateTime expires,
        string? key = null, string issuer = "jobhome", string audience = "jobhome-api", string? tokenId = "")
    {
        var claims = new Dictionary<string, object> { ["sub"] = username, ["role"] = role, ["stamp"] = stamp };
        if (tokenId is not null)
        {
            claims["jti"] = tokenId.Length > 0 ? tokenId : Guid.NewGuid().ToString("N");
        }
        if (site is not null)
        {
            claims["site"] = site;
        }
        var securityKey = new SymmetricSecurityKey(Convert.FromBase64String(key ?? SecuredSiloFixture.SigningKey)) { KeyId = "cfg0" };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(securityKey, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) claiming admin.</summary>
    public static string Unsigned(string username) =>
        Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Base64Url(
            $"{{\"sub\":\"{username}\",\"role\":\"admin\",\"stamp\":\"x\","
            + "\"iss\":\"jobhome\",\"aud\":\"jobhome-api\",\"exp\":4102444800}") + ".";

    /// <summary>The stamp claim of a token the silo issued.</summary>
    public static string StampOf(string token) => new JsonWebToken(token).GetClaim("stamp").Value;

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
