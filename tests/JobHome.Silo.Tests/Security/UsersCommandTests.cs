using System.Net;
using System.Net.Http.Json;
using JobHome.Silo.Tests.Api;
using JobHome.Silo.Tests.Cli;

namespace JobHome.Silo.Tests.Security;

/// <summary><c>jobhome users add|list|disable|reset</c> against the secured silo, signed in with <c>--user admin</c>.</summary>
[Collection(SecurityCollection.Name)]
public sealed class UsersCommandTests(SecuredSiloFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AddListDisableReset_ThroughTheApi_AsAdmin()
    {
        var tree = await new ApiDriver(fixture.Silo.Http).CreateTreeAsync();
        var url = fixture.Silo.BaseAddress.ToString().TrimEnd('/');
        var name = $"cli{ApiDriver.Next()}";
        const string Password = "cli-password-12";
        Environment.SetEnvironmentVariable("JOBHOME_NEW_PASSWORD", Password);
        try
        {
            var added = await CliProcess.RunAsync(Deadline, "users", "add", "--url", url, "--user", "admin", "--username", name,
                "--role", "township", "--site", tree.Township);
            Assert.True(added.Exit == 0, added.ToString());
            Assert.Contains($"created {name} role=township site={tree.Township}", added.Output, StringComparison.Ordinal);
            Assert.NotEmpty(await fixture.TokenAsync(name, Password));

            var again = await CliProcess.RunAsync(Deadline, "users", "add", "--url", url, "--user", "admin", "--username", name,
                "--role", "township", "--site", tree.Township);
            Assert.Equal(2, again.Exit);
            Assert.Contains("already taken", again.Error, StringComparison.Ordinal);

            var listed = await CliProcess.RunAsync(Deadline, "users", "list", "--url", url, "--user", "admin");
            Assert.True(listed.Exit == 0, listed.ToString());
            Assert.Contains($"{name} role=township site={tree.Township}", listed.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, listed.Output, StringComparison.Ordinal);

            var disabled = await CliProcess.RunAsync(Deadline, "users", "disable", "--url", url, "--user", "admin", "--username", name);
            Assert.True(disabled.Exit == 0, disabled.ToString());
            using (var client = fixture.Anonymous())
            {
                using var refused = await client.PostAsJsonAsync("/api/auth/token", new { username = name, password = Password });
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }

            Environment.SetEnvironmentVariable("JOBHOME_NEW_PASSWORD", Password + "b");
            var reset = await CliProcess.RunAsync(Deadline, "users", "reset", "--url", url, "--user", "admin", "--username", name);
            Assert.True(reset.Exit == 0, reset.ToString());
            Assert.NotEmpty(await fixture.TokenAsync(name, Password + "b"));

            // Without admin rights the command fails with the API's 403.
            Environment.SetEnvironmentVariable("JOBHOME_NEW_PASSWORD", Password);
            var denied = await CliProcess.RunAsync(Deadline, "users", "list", "--url", url, "--token", await fixture.TokenAsync(name,
                Password + "b"));
            Assert.Equal(2, denied.Exit);
            Assert.Contains("403", denied.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("JOBHOME_NEW_PASSWORD", null);
        }
    }
}
