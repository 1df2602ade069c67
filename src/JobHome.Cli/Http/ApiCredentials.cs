namespace JobHome.Cli.Http;

/// <summary>
/// How a command signs in: a bearer token (<c>--token</c> or env <c>JOBHOME_TOKEN</c>), or a user name (<c>--user</c>)
/// whose password comes from env <c>JOBHOME_PASSWORD</c> and is exchanged at <c>POST /api/auth/token</c>; or nothing
/// (an open API).
/// </summary>
internal sealed record ApiCredentials(string? Token, string? User, string? Password)
{
    /// <summary>Environment variable holding a bearer token.</summary>
    public const string TokenVariable = "JOBHOME_TOKEN";

    /// <summary>Environment variable holding the password of <c>--user</c>.</summary>
    public const string PasswordVariable = "JOBHOME_PASSWORD";

    /// <summary>No sign-in.</summary>
    public static ApiCredentials None { get; } = new(null, null, null);

    /// <summary>
    /// The credentials of the options, falling back on the environment: <paramref name="token"/> wins over
    /// <c>JOBHOME_TOKEN</c>; <paramref name="user"/> needs <c>JOBHOME_PASSWORD</c>. Returns a problem line when the
    /// combination cannot work.
    /// </summary>
    public static ApiCredentials From(string? token, string? user, Func<string, string?> environment, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(environment);
        problem = null;
        if (!string.IsNullOrWhiteSpace(token) && !string.IsNullOrWhiteSpace(user))
        {
            problem = "give either --token or --user, not both";
            return None;
        }
        if (!string.IsNullOrWhiteSpace(user))
        {
            var password = environment(PasswordVariable);
            if (string.IsNullOrEmpty(password))
            {
                problem = $"--user {user} needs the password in the environment variable {PasswordVariable}";
                return None;
            }
            return new ApiCredentials(null, user, password);
        }
        var bearer = string.IsNullOrWhiteSpace(token) ? environment(TokenVariable) : token;
        return string.IsNullOrWhiteSpace(bearer) ? None : new ApiCredentials(bearer.Trim(), null, null);
    }

    /// <inheritdoc />
    public override string ToString() => Token is not null ? "bearer token" : User is not null ? $"user {User}" : "no sign-in";
}
