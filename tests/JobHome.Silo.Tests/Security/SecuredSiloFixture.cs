using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// One embedded silo for the security tests, with a configured token signing key (so tests can mint expired and forged
/// tokens), a lockout of 3 failures and no practical sign-in rate limit; signed in as admin.
/// </summary>
public sealed class SecuredSiloFixture : IAsyncLifetime
{
    /// <summary>The signing key the silo is configured with (32 bytes, base64).</summary>
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    /// <summary>Failures that lock an account in this silo.</summary>
    public const int LockoutThreshold = 3;

    private SiloProcess? _silo;

    /// <summary>The running silo (its <c>Http</c> carries the admin's token).</summary>
    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["JobHome__Security__SigningKeys__0"] = SigningKey,
            ["JobHome__Security__LockoutThreshold"] = LockoutThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Every test runs from 127.0.0.1: the sign-in limit per address is tested on a silo of its own.
            ["JobHome__Security__SignInsPerAddressPerMinute"] = "100000",
        });
        try
        {
            await _silo.WaitUntilReadyAsync();
        }
        catch
        {
            _silo.Dispose();
            _silo = null;
            throw;
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _silo?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A client on the silo without any credentials.</summary>
    internal HttpClient Anonymous() => new() { BaseAddress = Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client carrying <paramref name="token"/> as bearer.</summary>
    internal HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates an account as admin; asserts 201.</summary>
    internal async Task CreateUserAsync(string username, string password, string role, string? siteCode)
    {
        using var response = await Silo.Http.PostAsJsonAsync("/api/users", new { username, password, role, siteCode });
        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"user {username}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A bearer token for the account; asserts 200.</summary>
    internal async Task<string> TokenAsync(string username, string password)
    {
        using var client = Anonymous();
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token {username}: {response.StatusCode} {text}");
        return JsonNode.Parse(text)!["accessToken"]!.GetValue<string>();
    }
}
