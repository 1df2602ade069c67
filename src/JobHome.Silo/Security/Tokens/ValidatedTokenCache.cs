using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobHome.Silo.Security.Tokens;

/// <summary>
/// The bearer token handler: the JSON web token handler's validation (signature, issuer, audience, lifetime), remembered
/// per token (by its SHA-256, not the token itself) for at most <see cref="SecurityOptions.TokenCheckCacheDuration"/> and
/// never past the token's expiry, so a client that sends the same token on every request pays for the signature check and
/// the claims once per period. Only valid results are remembered. Revocation is unaffected: the account check
/// (<see cref="TokenAcceptanceCache"/>) runs on every request after this one, with its own period; a signing key taken
/// out of the ring stops a remembered token within the same period.
/// </summary>
public sealed class ValidatedTokenCache(TokenHandler inner, TimeSpan duration, TimeProvider time) : TokenHandler
{
    /// <summary>Most remembered tokens; past this, results are not remembered until expired ones are swept.</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<TokenHash, Entry> _entries = new();
    private readonly Lock _sweepGate = new();
    private long _nextSweep;

    /// <summary>Creates the cache over a new <see cref="JsonWebTokenHandler"/> (claims kept as issued).</summary>
    public ValidatedTokenCache(TimeSpan duration, TimeProvider time)
        : this(new JsonWebTokenHandler { MapInboundClaims = false }, duration, time)
    {
    }

    /// <summary>Tokens remembered right now (expired ones included until swept).</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (duration <= TimeSpan.Zero)
        {
            return await inner.ValidateTokenAsync(token, validationParameters);
        }
        var key = TokenHash.Of(token);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && now < entry.Until)
        {
            return Copy(entry.Result);
        }
        var result = await inner.ValidateTokenAsync(token, validationParameters);
        RememberValid(key, result, now);
        return result;
    }

    /// <summary>
    /// The same validation for the bearer scheme: the token's shared, unchangeable principal and its account claims
    /// (from memory within the period, without copies), or null and the validation's error when the token is not valid.
    /// <paramref name="token"/> is made into a string only when it has to be validated.
    /// </summary>
    public async ValueTask<(ValidatedToken? Token, Exception? Error)> ValidateAsync(ReadOnlyMemory<char> token,
        TokenValidationParameters validationParameters)
    {
        var key = duration > TimeSpan.Zero ? TokenHash.Of(token.Span) : default;
        var now = time.GetUtcNow();
        if (duration > TimeSpan.Zero && _entries.TryGetValue(key, out var entry) && now < entry.Until)
        {
            return (entry.Token, null);
        }
        var result = await inner.ValidateTokenAsync(token.ToString(), validationParameters);
        if (!result.IsValid || result.ClaimsIdentity is null)
        {
            return (null, result.Exception);
        }
        return (duration > TimeSpan.Zero ? RememberValid(key, result, now)!.Token : new ValidatedToken(result.ClaimsIdentity), null);
    }

    // Remembers a valid result until the period ends or the token expires, whichever is first; returns its entry.
    private Entry? RememberValid(TokenHash key, TokenValidationResult result, DateTimeOffset now)
    {
        if (!result.IsValid || result.ClaimsIdentity is null)
        {
            return null;
        }
        var until = now + duration;
        if (result.SecurityToken is { ValidTo: var validTo } && validTo != DateTime.MinValue
            && new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc)) < until)
        {
            until = new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc));
        }
        var entry = new Entry(Copy(result), new ValidatedToken(result.ClaimsIdentity), until);
        Remember(key, entry, now);
        return entry;
    }

    /// <inheritdoc />
    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    // A fresh result and identity per request: the principal built from it belongs to that request alone.
    private static TokenValidationResult Copy(TokenValidationResult result) => new()
    {
        IsValid = true,
        ClaimsIdentity = result.ClaimsIdentity.Clone(),
        SecurityToken = result.SecurityToken,
        Issuer = result.Issuer,
        TokenType = result.TokenType,
    };

    private void Remember(TokenHash key, Entry entry, DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        if (ticks >= Volatile.Read(ref _nextSweep))
        {
            lock (_sweepGate)
            {
                if (ticks >= _nextSweep)
                {
                    foreach (var (k, e) in _entries)
                    {
                        if (e.Until <= now)
                        {
                            _entries.TryRemove(k, out _);
                        }
                    }
                    Volatile.Write(ref _nextSweep, ticks + duration.Ticks);
                }
            }
        }
        if (_entries.Count < MaxEntries || _entries.ContainsKey(key))
        {
            _entries[key] = entry;
        }
    }

    private sealed record Entry(TokenValidationResult Result, ValidatedToken Token, DateTimeOffset Until);

    private readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D)
    {
        public static TokenHash Of(ReadOnlySpan<char> token)
        {
            Span<byte> hash = stackalloc byte[32];
            var length = Encoding.UTF8.GetMaxByteCount(token.Length);
            var buffer = length <= 4096 ? stackalloc byte[length] : new byte[length];
            var written = Encoding.UTF8.GetBytes(token, buffer);
            SHA256.HashData(buffer[..written], hash);
            return new TokenHash(
                BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]),
                BitConverter.ToUInt64(hash[16..24]), BitConverter.ToUInt64(hash[24..]));
        }
    }
}

/// <summary>A validated bearer token: its shared principal and the account claims the scheme checks on every request.</summary>
public sealed class ValidatedToken
{
    /// <summary>Fixes <paramref name="identity"/>'s claims into a shared principal and reads the account claims once.</summary>
    public ValidatedToken(ClaimsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Principal = new BearerPrincipal(identity);
        Name = identity.FindFirst("sub")?.Value;
        Stamp = identity.FindFirst(Caller.StampClaim)?.Value;
        TokenId = identity.FindFirst(TokenIssuer.TokenIdClaim)?.Value;
    }

    /// <summary>The principal every request with this token is signed in as.</summary>
    public BearerPrincipal Principal { get; }

    /// <summary>The account name (<c>sub</c>), or null.</summary>
    public string? Name { get; }

    /// <summary>The account's security stamp when the token was issued, or null.</summary>
    public string? Stamp { get; }

    /// <summary>The token's own id (<c>jti</c>), or null.</summary>
    public string? TokenId { get; }
}
