using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JobHome.Silo.Tests.Api;

namespace JobHome.Silo.Tests.Security;

/// <summary>Sign-in, lockout, revocation, cookies with antiforgery, token validation and what account answers never contain.</summary>
[Collection(SecurityCollection.Name)]
public sealed class SignInTests(SecuredSiloFixture fixture)
{
    private const string Password = "sign-in-password-1";

    [Fact]
    public async Task Lockout_AfterThresholdFailures_RefusesEvenTheRightPassword()
    {
        var tree = await new ApiDriver(fixture.Silo.Http).CreateTreeAsync();
        var name = $"lock{ApiDriver.Next()}";
        var other = $"lockother{ApiDriver.Next()}";
        await fixture.CreateUserAsync(name, Password, "site", tree.Village);
        await fixture.CreateUserAsync(other, Password, "site", tree.Village);
        using var client = fixture.Anonymous();
        for (var i = 0; i < SecuredSiloFixture.LockoutThreshold; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/auth/token", new { username = name, password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var right = await client.PostAsJsonAsync("/api/auth/token", new { username = name, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        using var cookieRight = await client.PostAsJsonAsync("/api/auth/login", new { username = name, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, cookieRight.StatusCode);
        // Another account is not affected, and the admin's reset unlocks.
        Assert.NotEmpty(await fixture.TokenAsync(other, Password));
        using var reset = await fixture.Silo.Http.PostAsJsonAsync($"/api/users/{name}/password", new { password = Password });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.NotEmpty(await fixture.TokenAsync(name, Password));
    }

    [Fact]
    public async Task AccountAnswers_NeverContainAPasswordOrItsHash()
    {
        var tree = await new ApiDriver(fixture.Silo.Http).CreateTreeAsync();
        var name = $"acct{ApiDriver.Next()}";
        using var created = await fixture.Silo.Http.PostAsJsonAsync("/api/users",
            new { username = name, password = Password, role = "county", siteCode = tree.County });
        var bodies = new List<string> { await created.Content.ReadAsStringAsync() };
        foreach (var path in new[] { "/api/users", "/api/auth/me" })
        {
            using var response = await fixture.Silo.Http.GetAsync(new Uri(path, UriKind.Relative));
            bodies.Add(await response.Content.ReadAsStringAsync());
        }
        using var disabled = await fixture.Silo.Http.PostAsync(new Uri($"/api/users/{name}/disable", UriKind.Relative), null);
        bodies.Add(await disabled.Content.ReadAsStringAsync());
        Assert.Contains(bodies, b => b.Contains(name, StringComparison.Ordinal));
        foreach (var body in bodies)
        {
            Assert.DoesNotContain(Password, body, StringComparison.Ordinal);
            Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
            // Identity's v3 hashes start with 0x01 → base64 "AQAAAA".
            Assert.DoesNotContain("AQAAAA", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DisabledAccountOrChangedPassword_RevokesIssuedTokens()
    {
        var tree = await new ApiDriver(fixture.Silo.Http).CreateTreeAsync();
        var name = $"revoke{ApiDriver.Next()}";
        await fixture.CreateUserAsync(name, Password, "township", tree.Township);
        var first = await fixture.TokenAsync(name, Password);
        using (var client = fixture.WithToken(first))
        {
            using var me = await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            using var change = await client.PostAsJsonAsync("/api/users/me/password",
                new { currentPassword = Password, newPassword = Password + "x" });
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
            using var after = await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }
        // Each token is used once before its revocation, so the silo's token check cache holds it: the change must clear it.
        var second = await fixture.TokenAsync(name, Password + "x");
        await AssertMeAsync(second, HttpStatusCode.OK);
        using var disable = await fixture.Silo.Http.PostAsync(new Uri($"/api/users/{name}/disable", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        await AssertMeAsync(second, HttpStatusCode.Unauthorized);
        using var anonymous = fixture.Anonymous();
        using var again = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = name, password = Password + "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);

        // An admin reset enables the account with a new password and ends the tokens issued before it.
        using (var reset = await fixture.Silo.Http.PostAsJsonAsync($"/api/users/{name}/password", new { password = Password + "y" }))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }
        var third = await fixture.TokenAsync(name, Password + "y");
        await AssertMeAsync(third, HttpStatusCode.OK);
        using (var reset = await fixture.Silo.Http.PostAsJsonAsync($"/api/users/{name}/password", new { password = Password + "z" }))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }
        await AssertMeAsync(third, HttpStatusCode.Unauthorized);
    }


    [Fact]
    public async Task CookieSignIn_WritesNeedTheXsrfHeader()
    {
        var tree = await new ApiDriver(fixture.Silo.Http).CreateTreeAsync();
        var name = $"cookie{ApiDriver.Next()}";
        await fixture.CreateUserAsync(name, Password, "county", tree.County);
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var client = new HttpClient(handler) { BaseAddress = fixture.Silo.BaseAddress };
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { username = name, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var session = JsonNode.Parse(await login.Content.ReadAsStringAsync())!;
        Assert.Equal(name, session["username"]!.GetValue<string>());
        Assert.Equal("county", session["role"]!.GetValue<string>());
        Assert.Equal(tree.County, session["siteCode"]!.GetValue<string>());
        var setCookies = login.Headers.GetValues("Set-Cookie").ToArray();
        Assert.Contains(setCookies, c => c.StartsWith("jobhome.auth=", StringComparison.Ordinal) && c.Contains("httponly",
            StringComparison.OrdinalIgnoreCase)
            && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(setCookies, c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal) && !c.Contains("httponly",
            StringComparison.OrdinalIgnoreCase));
        var xsrf = cookies.GetCookies(fixture.Silo.BaseAddress)["XSRF-TOKEN"]!.Value;

        using var me = await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var site = new { code = tree.Township + "-N", name = "新村就业之家", kind = "village", parentCode = tree.Township, lat = 25.0,
            lon = 114.0, rural = true };
        using var without = await client.PostAsJsonAsync("/api/sites", site);
        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/sites") { Content = JsonContent.Create(site) };
        wrong.Headers.Add("X-XSRF-TOKEN", "0000");
        using var wrongResponse = await client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Forbidden, wrongResponse.StatusCode);
        using var check = await fixture.Silo.Http.GetAsync(new Uri($"/api/sites/{site.code}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
        using var with = new HttpRequestMessage(HttpMethod.Post, "/api/sites") { Content = JsonContent.Create(site) };
        with.Headers.Add("X-XSRF-TOKEN", xsrf);
        using var withResponse = await client.SendAsync(with);
        Assert.Equal(HttpStatusCode.Created, withResponse.StatusCode);

        var cookieToken = cookies.GetCookies(fixture.Silo.BaseAddress)["jobhome.auth"]!.Value;
        using var logout = await client.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var afterLogout = await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        // The cookie's token itself is signed out, not only dropped by the browser: replayed as a bearer it is refused.
        using var replay = fixture.WithToken(cookieToken);
        using var replayed = await replay.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task Logout_WithBearer_RevokesThatTokenOnly()
    {
        var tree = await new ApiDriver(fixture.Silo.Http).CreateTreeAsync();
        var name = $"logout{ApiDriver.Next()}";
        await fixture.CreateUserAsync(name, Password, "site", tree.Village);
        var first = await fixture.TokenAsync(name, Password);
        var second = await fixture.TokenAsync(name, Password);
        using var firstClient = fixture.WithToken(first);
        using var secondClient = fixture.WithToken(second);
        using (var before = await firstClient.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        using (var logout = await firstClient.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }
        // Refused at once, on reads and writes alike, although the token has not expired and the password is unchanged.
        using (var me = await firstClient.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }
        using (var read = await firstClient.GetAsync(new Uri($"/api/sites/{tree.Village}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        }
        using (var again = await firstClient.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }
        // The account's other session and new sign-ins are unaffected.
        using (var other = await secondClient.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
        using var third = fixture.WithToken(await fixture.TokenAsync(name, Password));
        using (var fresh = await third.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }
        // A token without an id cannot be signed out, so it is not accepted at all.
        var stamp = TestTokens.StampOf(second);
        var now = DateTime.UtcNow;
        using var noId = fixture.WithToken(TestTokens.Mint(name, "site", tree.Village, stamp, now.AddMinutes(-1), now.AddHours(1),
            tokenId: null));
        using (var refused = await noId.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Tokens_ExpiredForgedUnsignedOrForeign_AreRefused()
    {
        var tree = await new ApiDriver(fixture.Silo.Http).CreateTreeAsync();
        var name = $"tok{ApiDriver.Next()}";
        await fixture.CreateUserAsync(name, Password, "county", tree.County);
        var real = await fixture.TokenAsync(name, Password);
        var stamp = TestTokens.StampOf(real);
        var now = DateTime.UtcNow;
        var cases = new Dictionary<string, string>
        {
            ["expired"] = TestTokens.Mint(name, "county", tree.County, stamp, now.AddHours(-2), now.AddHours(-1)),
            ["not yet valid"] = TestTokens.Mint(name, "county", tree.County, stamp, now.AddHours(1), now.AddHours(2)),
            ["wrong key"] = TestTokens.Mint(name, "admin", null, stamp, now.AddMinutes(-1), now.AddHours(1),
                key: Convert.ToBase64String(new byte[32])),
            ["wrong issuer"] = TestTokens.Mint(name, "county", tree.County, stamp, now.AddMinutes(-1), now.AddHours(1), issuer: "evil"),
            ["wrong audience"] = TestTokens.Mint(name, "county", tree.County, stamp, now.AddMinutes(-1), now.AddHours(1),
                audience: "other"),
            ["stale stamp"] = TestTokens.Mint(name, "county", tree.County, "0000", now.AddMinutes(-1), now.AddHours(1)),
            ["unsigned"] = TestTokens.Unsigned(name),
            ["tampered"] = real[..^3] + (real[^3] == 'A' ? "BBB" : "AAA"),
            ["garbage"] = "not.a.token",
        };
        foreach (var (label, token) in cases)
        {
            using var client = fixture.WithToken(token);
            using var response = await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{label}: {(int)response.StatusCode}");
        }
        // The same claims, well signed and current, are accepted: the cases above fail for their one defect.
        var good = TestTokens.Mint(name, "county", tree.County, stamp, now.AddMinutes(-1), now.AddHours(1));
        using var goodClient = fixture.WithToken(good);
        using var ok = await goodClient.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task HostileStrings_InAcceptedFields_AreStoredVerbatim()
    {
        var api = new ApiDriver(fixture.Silo.Http);
        var tree = await api.CreateTreeAsync();
        const string hostile = "<script>alert('x')</script>'; DROP TABLE grain_state;-- ${jndi:ldap://x} ../../etc/passwd";
        var body = api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today.AddMonths(-1));
        body["name"] = hostile;
        var (status, created, _) = await api.PostAsync("/api/seekers", body);
        Assert.Equal(HttpStatusCode.Created, status);
        var (_, read, _) = await api.GetAsync($"/api/seekers/{created!["id"]!.GetValue<string>()}");
        Assert.Equal(hostile, read!["name"]!.GetValue<string>());
        using var health = await fixture.Silo.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private async Task AssertMeAsync(string token, HttpStatusCode expected)
    {
        using var client = fixture.WithToken(token);
        using var me = await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(expected, me.StatusCode);
    }
}
