using JobHome.Storage.Postgres;
using Npgsql;

namespace JobHome.Storage.Startup;

/// <summary>A PostgreSQL connection string with the words an operator needs (host, port, database, user; never the password).</summary>
internal sealed class PostgresTarget
{
    private readonly string _connectionString;
    private readonly string _setting;

    private PostgresTarget(string connectionString, string setting, NpgsqlConnectionStringBuilder builder)
    {
        _connectionString = connectionString;
        _setting = setting;
        Where = $"PostgreSQL at {builder.Host}:{builder.Port}, database '{builder.Database}', user '{builder.Username}'";
    }

    /// <summary>Names the server, database and user, for messages.</summary>
    public string Where { get; }

    /// <summary>Parses <paramref name="connectionString"/>, which comes from <paramref name="setting"/>, and adds JobHome's
    /// defaults (<see cref="PostgresConnectionDefaults"/>).</summary>
    public static PostgresTarget Parse(string connectionString, string setting)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return new PostgresTarget(PostgresConnectionDefaults.Apply(connectionString), setting, builder);
        }
        catch (ArgumentException e)
        {
            // The parser's message may quote the offending part of the string, so it is not repeated here.
            throw new StorageStartupException(
                $"{setting} is not a valid PostgreSQL connection string ({e.GetType().Name}). Check its keys and values "
                + "(Host=…;Port=5432;Database=…;Username=…;Password=…).", e);
        }
    }

    /// <summary>Opens a connection, turning failures into a <see cref="StorageStartupException"/> an operator can act on.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw Describe(e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private StorageStartupException Describe(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
            new StorageStartupException($"Cannot sign in to {Where}: the password was refused. Check {_setting}.", e),
        PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
            new StorageStartupException(
                $"Cannot sign in to {Where}: {p.MessageText}. Check the user in {_setting} and the server's pg_hba.conf.", e),
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
            new StorageStartupException(
                $"Cannot use {Where}: the database does not exist. Create it (createdb) or fix the name in {_setting}.", e),
        _ => new StorageStartupException(
            $"Cannot connect to {Where}: {e.Message}. Check that the server runs, the host and port are right and a "
            + "firewall lets the silo through.", e),
    };
}
