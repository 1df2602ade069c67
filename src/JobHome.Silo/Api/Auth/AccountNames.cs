using System.Text.RegularExpressions;

namespace JobHome.Silo.Api.Auth;

/// <summary>The shape of account names: a letter, then letters, digits, <c>. _ -</c>; 1–64 characters; compared in lower case.</summary>
internal static partial class AccountNames
{
    /// <summary>The rule, for error messages.</summary>
    public const string Rule = "account name (账号): a letter, then letters, digits, '.', '_' or '-'; at most 64 characters";

    /// <summary>The lower-case name, or null when <paramref name="name"/> does not have the shape.</summary>
    public static string? Normalize(string? name) =>
        name is not null && Shape().IsMatch(name) ? name.ToLowerInvariant() : null;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
