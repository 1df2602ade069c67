using System.CommandLine;
using JobHome.Cli.Http;

namespace JobHome.Cli.Users;

/// <summary>
/// <c>jobhome users add|list|disable|reset --url URL</c>: accounts of a running silo through <c>/api/users</c> (admin).
/// New passwords come from the environment variable <see cref="NewPasswordVariable"/>, never from the command line
/// (which other users of the machine can read in the process list).
/// </summary>
internal static class UsersCommand
{
    /// <summary>Environment variable holding the new password of <c>add</c> and <c>reset</c>.</summary>
    public const string NewPasswordVariable = "JOBHOME_NEW_PASSWORD";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("users", "Accounts of a running silo (admin): add, list, disable, reset a password");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Disable());
        command.Subcommands.Add(Reset());
        return command;
    }

    private static Command Add()
    {
        var api = new ApiOptions();
        var name = NameOption();
        var role = new Option<string>("--role")
        {
            Description = "province, city, county, township, site, fair_organiser, auditor or admin",
            Required = true,
        };
        var site = new Option<string?>("--site") { Description = "Site code the account is bound to (every role but admin)" };
        var command = new Command("add", $"Create an account; its password is read from env {NewPasswordVariable}");
        api.AddTo(command);
        command.Options.Add(name);
        command.Options.Add(role);
        command.Options.Add(site);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, api, "add", needsPassword: true, async (client,
            password, output) =>
        {
            var account = await client.PostAsync<UserAccount>("api/users", new
            {
                username = parseResult.GetValue(name),
                password,
                role = parseResult.GetValue(role),
                siteCode = parseResult.GetValue(site),
            }, cancellationToken);
            await output.WriteLineAsync($"created {Describe(account)}");
        }));
        return command;
    }

    private static Command List()
    {
        var api = new ApiOptions();
        var command = new Command("list", "List the accounts");
        api.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, api, "list", needsPassword: false, async (client, _,
            output) =>
        {
            var list = await client.GetAsync<UserList>("api/users", cancellationToken);
            foreach (var account in list.Items)
            {
                await output.WriteLineAsync(Describe(account));
            }
            await output.WriteLineAsync($"{list.Items.Length} accounts");
        }));
        return command;
    }

    private static Command Disable()
    {
        var api = new ApiOptions();
        var name = NameOption();
        var command = new Command("disable", "Disable an account (its tokens stop working at once)");
        api.AddTo(command);
        command.Options.Add(name);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, api, "disable", needsPassword: false, async (client,
            _, output) =>
        {
            var account = await client.PostAsync<UserAccount>($"api/users/{Uri.EscapeDataString(parseResult.GetValue(name)!)}/disable",
                new { }, cancellationToken);
            await output.WriteLineAsync($"disabled {Describe(account)}");
        }));
        return command;
    }

    private static Command Reset()
    {
        var api = new ApiOptions();
        var name = NameOption();
        var command = new Command("reset", $"Set a new password (from env {NewPasswordVariable}); unlocks and enables the account");
        api.AddTo(command);
        command.Options.Add(name);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, api, "reset", needsPassword: true, async (client,
            password, output) =>
        {
            var account = await client.PostAsync<UserAccount>($"api/users/{Uri.EscapeDataString(parseResult.GetValue(name)!)}/password",
                new { password }, cancellationToken);
            await output.WriteLineAsync($"new password set for {Describe(account)}");
        }));
        return command;
    }

    private static Option<string> NameOption() => new("--username") { Description = "Account name", Required = true };

    private static string Describe(UserAccount a) =>
        $"{a.Username} role={a.Role} site={a.SiteCode ?? "(whole network)"}{(a.Disabled ? " disabled" : string.Empty)}"
        + (a.LockedUntil is { } until && until > DateTimeOffset.UtcNow ? $" locked until {until:u}" : string.Empty);

    private static async Task<int> RunAsync(ParseResult parseResult, ApiOptions api, string verb, bool needsPassword,
        Func<ApiClient, string?, TextWriter, Task> action)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        string? password = null;
        if (needsPassword)
        {
            password = Environment.GetEnvironmentVariable(NewPasswordVariable);
            if (string.IsNullOrEmpty(password))
            {
                await error.WriteLineAsync(
                    $"jobhome users {verb}: the new password must be in the environment variable {NewPasswordVariable}");
                return ExitCodes.Usage;
            }
        }
        using var client = api.CreateClient(parseResult, out var problem);
        if (client is null)
        {
            await error.WriteLineAsync($"jobhome users {verb}: {problem}");
            return ExitCodes.Usage;
        }
        try
        {
            await action(client, password, output);
            return ExitCodes.Ok;
        }
        catch (ApiException e)
        {
            await error.WriteLineAsync($"jobhome users {verb}: {e.Message}");
            return e.Status is >= 400 and < 500 ? ExitCodes.InvalidInput : ExitCodes.ServerFailed;
        }
    }
}
