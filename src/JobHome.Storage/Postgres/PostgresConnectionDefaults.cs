using Npgsql;

namespace JobHome.Storage.Postgres;

/// <summary>
/// The defaults JobHome puts into a PostgreSQL connection string that does not say otherwise (docs/storage.md).
/// </summary>
public static class PostgresConnectionDefaults
{
    /// <summary>
    /// Returns <paramref name="connectionString"/> with <c>Gss Encryption Mode=Disable</c> added when it names no GSS
    /// encryption mode. Npgsql 10's default (<c>Prefer</c>) first asks for GSS encryption and, on any failure of that attempt
    /// (a refused password, a slow server), opens a second connection inside the same <c>Timeout</c>: every failed open
    /// costs two, and a refused password under load is reported as a timeout. A deployment that does use Kerberos session
    /// encryption sets the mode itself, and it is kept. A string that does not parse is returned unchanged, so that the
    /// start-up check reports it with the setting's name.
    /// </summary>
    public static string Apply(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return connectionString;
        }

        if (NamesGssEncryptionMode(builder))
        {
            return connectionString;
        }

        builder.GssEncryptionMode = GssEncryptionMode.Disable;
        return builder.ConnectionString;
    }

    // Keys lists what the string set, under the canonical name whichever alias it used (ContainsKey answers for every key
    // the builder knows, set or not).
    private static bool NamesGssEncryptionMode(NpgsqlConnectionStringBuilder builder) =>
        builder.Keys.Cast<string>().Contains("GSS Encryption Mode", StringComparer.OrdinalIgnoreCase);
}
