using System.Security.Claims;
using JobHome.Silo.Security.Tokens;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// The bearer validation cache over a counting JSON web token handler and a fake clock: a token is validated once per
/// period and never served past its expiry; invalid tokens are never remembered; each request gets its own identity.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);
    private static readonly SymmetricSecurityKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)(i * 5)).ToArray());
    private static readonly SymmetricSecurityKey OtherKey = new(Enumerable.Range(1, 32).Select(i => (byte)(i * 3)).ToArray());

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CountingHandler _inner = new();

    [Fact]
    public async Task SameToken_ValidatedOncePerPeriod_ThenAgain()
    {
        var cache = new ValidatedTokenCache(_inner, Duration, _time);
        var token = Token(Key, TimeSpan.FromHours(1));

        var first = await cache.ValidateTokenAsync(token, Parameters());
        _time.Advance(Duration - TimeSpan.FromMilliseconds(1));
        var second = await cache.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, _inner.Calls);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal("op1", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal("site", second.ClaimsIdentity.FindFirst("role")?.Value);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task TokenExpiringWithinThePeriod_IsValidatedAgainAfterItsExpiry()
    {
        var cache = new ValidatedTokenCache(_inner, TimeSpan.FromHours(2), _time);
        var token = Token(Key, TimeSpan.FromMinutes(10));

        await cache.ValidateTokenAsync(token, Parameters());
        _time.Advance(TimeSpan.FromMinutes(9));
        await cache.ValidateTokenAsync(token, Parameters());
        Assert.Equal(1, _inner.Calls);

        _time.Advance(TimeSpan.FromMinutes(2));
        await cache.ValidateTokenAsync(token, Parameters());
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task InvalidAndTamperedTokens_AreNeverRemembered()
    {
        var cache = new ValidatedTokenCache(_inner, Duration, _time);
        var good = Token(Key, TimeSpan.FromHours(1));
        var forged = Token(OtherKey, TimeSpan.FromHours(1));
        Assert.True((await cache.ValidateTokenAsync(good, Parameters())).IsValid);

        Assert.False((await cache.ValidateTokenAsync(forged, Parameters())).IsValid);
        Assert.False((await cache.ValidateTokenAsync(forged, Parameters())).IsValid);
        var tampered = good[..^2] + (good[^2] == 'A' ? "B" : "A") + good[^1];
        Assert.False((await cache.ValidateTokenAsync(tampered, Parameters())).IsValid);

        Assert.Equal(4, _inner.Calls);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task ZeroDuration_ValidatesEveryTime()
    {
        var cache = new ValidatedTokenCache(_inner, TimeSpan.Zero, _time);
        var token = Token(Key, TimeSpan.FromHours(1));
        await cache.ValidateTokenAsync(token, Parameters());
        await cache.ValidateTokenAsync(token, Parameters());
        Assert.Equal(2, _inner.Calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task BearerValidation_SharesOneFixedPrincipalPerToken_WithinThePeriod_ThenValidatesAgain()
    {
        var cache = new ValidatedTokenCache(_inner, Duration, _time);
        var token = Token(Key, TimeSpan.FromHours(1));
        // The header's slice: the same token inside a longer text.
        var header = "Bearer " + token;

        var (first, firstError) = await cache.ValidateAsync(header.AsMemory(7), Parameters());
        _time.Advance(Duration - TimeSpan.FromMilliseconds(1));
        var (second, _) = await cache.ValidateAsync(token.AsMemory(), Parameters());
        // The string handler and the bearer scheme share what they remember.
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);

        Assert.Null(firstError);
        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(1, _inner.Calls);
        Assert.Equal("op1", first.Name);
        Assert.Null(first.Stamp);
        Assert.Null(first.TokenId);
        Assert.Equal(new JobHome.Silo.Security.Caller("op1", "site", null), first.Principal.Caller);
        Assert.Throws<InvalidOperationException>(() => first.Principal.AddIdentity(new ClaimsIdentity()));
        var identity = Assert.IsAssignableFrom<ClaimsIdentity>(first.Principal.Identity);
        Assert.Throws<InvalidOperationException>(() => identity.AddClaim(new Claim("role", "admin")));
        Assert.Throws<InvalidOperationException>(() => identity.RemoveClaim(identity.FindFirst("role")));
        Assert.Equal("site", first.Principal.FindFirst("role")?.Value);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var (third, _) = await cache.ValidateAsync(token.AsMemory(), Parameters());
        Assert.NotNull(third);
        Assert.NotSame(first, third);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task BearerValidation_OfForgedExpiredOrZeroPeriodTokens_IsNeverRemembered()
    {
        var cache = new ValidatedTokenCache(_inner, Duration, _time);
        var forged = Token(OtherKey, TimeSpan.FromHours(1));
        var expired = Expired(Key);

        var (forgedToken, forgedError) = await cache.ValidateAsync(forged.AsMemory(), Parameters());
        var (expiredToken, expiredError) = await cache.ValidateAsync(expired.AsMemory(), Parameters());
        await cache.ValidateAsync(forged.AsMemory(), Parameters());

        Assert.Null(forgedToken);
        Assert.NotNull(forgedError);
        Assert.Null(expiredToken);
        Assert.NotNull(expiredError);
        Assert.Equal(3, _inner.Calls);
        Assert.Equal(0, cache.Count);

        var everyTime = new ValidatedTokenCache(_inner, TimeSpan.Zero, _time);
        var good = Token(Key, TimeSpan.FromHours(1));
        var (a, _) = await everyTime.ValidateAsync(good.AsMemory(), Parameters());
        var (b, _) = await everyTime.ValidateAsync(good.AsMemory(), Parameters());
        Assert.NotNull(a);
        Assert.NotSame(a, b);
        Assert.Equal(5, _inner.Calls);
        Assert.Equal(0, everyTime.Count);
    }

    private static TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "jobhome-test",
        ValidAudience = "jobhome-api",
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = "sub",
        RoleClaimType = "role",
    };

    private static string Token(SymmetricSecurityKey key, TimeSpan lifetime) => new JsonWebTokenHandler().CreateToken(
        new SecurityTokenDescriptor
        {
            Issuer = "jobhome-test",
            Audience = "jobhome-api",
            Subject = new ClaimsIdentity([new Claim("sub", "op1"), new Claim("role", "site")]),
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

    private static string Expired(SymmetricSecurityKey key) => new JsonWebTokenHandler().CreateToken(
        new SecurityTokenDescriptor
        {
            Issuer = "jobhome-test",
            Audience = "jobhome-api",
            Subject = new ClaimsIdentity([new Claim("sub", "op1"), new Claim("role", "site")]),
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            NotBefore = DateTime.UtcNow.AddHours(-2),
            Expires = DateTime.UtcNow.AddHours(-1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

    private sealed class CountingHandler : JsonWebTokenHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _calls);
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }
}
