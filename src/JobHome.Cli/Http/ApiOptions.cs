using System.CommandLine;

namespace JobHome.Cli.Http;

/// <summary>The options every command that talks to a running silo shares: <c>--url</c>, <c>--token</c>, <c>--user</c>.</summary>
internal sealed class ApiOptions
{
    /// <summary><c>--url URL</c>: base address of the silo's HTTP API (required).</summary>
    public Option<string> Url { get; } = new("--url")
    {
        Description = "Base address of a running silo, e.g. http://localhost:5080",
        Required = true,
    };

    /// <summary><c>--token T</c>: bearer token (default: env JOBHOME_TOKEN).</summary>
    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"Bearer token for the API (default: env {ApiCredentials.TokenVariable})",
    };

    /// <summary><c>--user NAME</c>: sign in as this user with the password of env JOBHOME_PASSWORD.</summary>
    public Option<string?> User { get; } = new("--user")
    {
        Description = $"Sign in as this user; the password is read from env {ApiCredentials.PasswordVariable}",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Url);
        command.Options.Add(Token);
        command.Options.Add(User);
    }

    /// <summary>
    /// A client for the parsed options, or null with <paramref name="problem"/> set when the URL or the sign-in options
    /// are unusable.
    /// </summary>
    public ApiClient? CreateClient(ParseResult parseResult, out string? problem, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var url = parseResult.GetValue(Url) ?? string.Empty;
        if (!ApiClient.TryParseBaseUrl(url, out var baseUri, out problem))
        {
            return null;
        }
        var credentials = ApiCredentials.From(parseResult.GetValue(Token), parseResult.GetValue(User),
            Environment.GetEnvironmentVariable, out problem);
        return problem is null ? new ApiClient(baseUri!, credentials, handler) : null;
    }
}
