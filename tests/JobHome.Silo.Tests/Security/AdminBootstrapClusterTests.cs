using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// Three real silos started together on one fresh PostgreSQL database (one cluster) create the <c>admin</c> account once:
/// with <c>JobHome:AdminPassword</c> exactly one account exists and signs in on every silo; without it exactly one silo
/// prints the generated password, once, and that password signs in on every silo.
/// </summary>
public sealed partial class AdminBootstrapClusterTests : IAsyncLifetime
{
    private const int SiloCount = 3;

    /// <summary>Three silos starting at once on a busy machine: more than one silo's usual deadline.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);

    private readonly List<SiloProcess> _silos = [];
    private string? _connectionString;

    /// <inheritdoc />
    public async Task InitializeAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync("jobhome_sec_bootstrap");

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
        if (_connectionString is not null)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
        }
    }

    [Fact]
    public async Task ThreeSilosTogether_ConfiguredPassword_CreateOneAdmin_SignInWorksOnEach()
    {
        const string password = "cluster-admin-password-1";
        await StartTogetherAsync(password);
        await WaitForBootstrapAsync();
        foreach (var silo in _silos)
        {
            var token = await SignInAsync(silo, password);
            await AssertOneAdminAsync(silo, token);
        }
        Assert.Equal(1, _silos.Count(s => CreatedHere().IsMatch(s.StandardOutput + s.StandardError)));
        Assert.All(_silos, s => Assert.DoesNotMatch(PrintedPassword(), s.StandardOutput + s.StandardError));
        Assert.All(_silos, s => Assert.DoesNotContain(password, s.StandardOutput + s.StandardError, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThreeSilosTogether_NoPassword_ExactlyOneSiloPrintsTheGeneratedPasswordOnce()
    {
        await StartTogetherAsync(string.Empty);
        // Every silo has finished its start-up check before the outputs are counted, so a late second print would show.
        await WaitForBootstrapAsync();
        var printers = _silos.Where(s => PrintedPassword().IsMatch(s.StandardOutput)).ToArray();
        Assert.True(printers.Length == 1, $"{printers.Length} silos printed a generated password:\n"
            + string.Join("\n", _silos.Select(s => s.Describe())));
        var password = PrintedPassword().Match(printers[0].StandardOutput).Groups["password"].Value;
        var everything = string.Concat(_silos.Select(s => s.StandardOutput + s.StandardError));
        Assert.Single(Regex.Matches(everything, Regex.Escape(password)));
        foreach (var silo in _silos)
        {
            var token = await SignInAsync(silo, password);
            await AssertOneAdminAsync(silo, token);
        }
        Assert.Single(Regex.Matches(string.Concat(_silos.Select(s => s.StandardOutput + s.StandardError)), Regex.Escape(password)));
    }

    /// <summary>Starts the three silos at once on the database, then waits until each serves.</summary>
    private async Task StartTogetherAsync(string adminPassword)
    {
        var environment = new Dictionary<string, string> { ["JobHome__AdminPassword"] = adminPassword };
        for (var i = 0; i < SiloCount; i++)
        {
            _silos.Add(SiloProcess.Start(environment, "--JobHome:Storage=postgres", $"--ConnectionStrings:JobHome={_connectionString}"));
        }
        await Task.WhenAll(_silos.Select(s => s.WaitUntilReadyAsync(Deadline)));
        // They form one cluster (one membership table, status 3 = Active), so the account grain has one activation.
        var watch = Stopwatch.StartNew();
        long active;
        while ((active = await TestPostgres.ScalarAsync(_connectionString!,
            "SELECT count(*) FROM orleans_membership WHERE status = 3")) != SiloCount)
        {
            Assert.True(watch.Elapsed < Deadline, $"{active} active silos in the membership table, expected {SiloCount}");
            await Task.Delay(200);
        }
    }

    /// <summary>Polls (a cross-process effect) until every silo logged that its start-up admin check finished.</summary>
    private async Task WaitForBootstrapAsync()
    {
        var watch = Stopwatch.StartNew();
        while (!_silos.All(s => AdminExists().IsMatch(s.StandardOutput + s.StandardError)))
        {
            Assert.True(watch.Elapsed < Deadline, "not every silo finished its admin check:\n"
                + string.Join("\n", _silos.Select(s => s.Describe())));
            await Task.Delay(200);
        }
    }

    private static async Task<string> SignInAsync(SiloProcess silo, string password)
    {
        using var client = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "admin", password });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in on {silo.BaseAddress}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["accessToken"]!.GetValue<string>();
    }

    private static async Task AssertOneAdminAsync(SiloProcess silo, string token)
    {
        using var client = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(new Uri("/api/users", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/users on {silo.BaseAddress}: {(int)response.StatusCode} {text}");
        var items = JsonNode.Parse(text)!["items"]!.AsArray();
        var account = Assert.Single(items);
        Assert.Equal("admin", account!["username"]!.GetValue<string>());
        Assert.Equal("admin", account["role"]!.GetValue<string>());
    }

    [GeneratedRegex("created the account 'admin' with the password (?<password>\\S+) ")]
    private static partial Regex PrintedPassword();

    [GeneratedRegex("The admin account 'admin' exists \\(created by this silo: ")]
    private static partial Regex AdminExists();

    [GeneratedRegex("The admin account 'admin' exists \\(created by this silo: True\\)")]
    private static partial Regex CreatedHere();
}
