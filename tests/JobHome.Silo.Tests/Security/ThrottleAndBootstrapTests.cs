using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// A silo started without <c>JobHome:AdminPassword</c> and with small rate limits: the generated admin password is printed
/// once and works; sign-ins per address, requests per account and per address are throttled with 429; probes are not.
/// </summary>
public sealed partial class ThrottleAndBootstrapTests : IAsyncLifetime
{
    private const int SignInsPerMinute = 3;
    private const int PerAccountPerMinute = 20;
    private const int PerAddressPerMinute = 60;
    private SiloProcess? _silo;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["JobHome__AdminPassword"] = string.Empty,
            ["JobHome__Security__SignInsPerAddressPerMinute"] = SignInsPerMinute.ToString(CultureInfo.InvariantCulture),
            ["JobHome__Security__PermitsPerAccountPerMinute"] = PerAccountPerMinute.ToString(CultureInfo.InvariantCulture),
            ["JobHome__Security__PermitsPerAddressPerMinute"] = PerAddressPerMinute.ToString(CultureInfo.InvariantCulture),
        });
        await _silo.WaitUntilReadyAsync();
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _silo?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task GeneratedAdminPassword_PrintedOnce_Works_ThenLimitsAnswer429()
    {
        var silo = _silo!;
        var password = await PrintedPasswordAsync(silo);
        Assert.Single(Regex.Matches(silo.StandardOutput + silo.StandardError, Regex.Escape(password)));

        using var client = new HttpClient { BaseAddress = silo.BaseAddress };
        using var token = await client.PostAsJsonAsync("/api/auth/token", new { username = "admin", password });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();

        // Sign-ins per address: one used above, then the limit refuses with 429 before checking the password.
        var signIns = new List<HttpStatusCode>();
        for (var i = 0; i < SignInsPerMinute + 1; i++)
        {
            using var attempt = await client.PostAsJsonAsync("/api/auth/token", new { username = "nobody", password = "wrong-password" });
            signIns.Add(attempt.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, signIns[^1]);
        Assert.Contains(HttpStatusCode.Unauthorized, signIns);

        // Requests per account.
        using var admin = new HttpClient { BaseAddress = silo.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        var perAccount = new List<HttpStatusCode>();
        for (var i = 0; i < PerAccountPerMinute + 1; i++)
        {
            using var me = await admin.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
            perAccount.Add(me.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, perAccount[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, perAccount[^1]);
        using (var limited = await admin.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
        {
            var problem = JsonNode.Parse(await limited.Content.ReadAsStringAsync())!;
            Assert.Equal("https://jobhome.example/problems/too-many-requests", problem["type"]!.GetValue<string>());
        }

        // Requests per address (anonymous ones count too), while probes stay open.
        var last = HttpStatusCode.OK;
        for (var i = 0; i < PerAddressPerMinute + 1; i++)
        {
            using var anonymous = await client.GetAsync(new Uri("/api/sites/X", UriKind.Relative));
            last = anonymous.StatusCode;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    /// <summary>The password the silo printed when it created the admin account (it does so just after it starts serving).</summary>
    private static async Task<string> PrintedPasswordAsync(SiloProcess silo)
    {
        var deadline = DateTime.UtcNow + RunningSiloFixture.ReadyDeadline;
        while (true)
        {
            var match = PrintedPassword().Match(silo.StandardOutput);
            if (match.Success)
            {
                return match.Groups["password"].Value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"no generated admin password printed:\n{silo.Describe()}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("created the account 'admin' with the password (?<password>\\S+) ")]
    private static partial Regex PrintedPassword();
}
