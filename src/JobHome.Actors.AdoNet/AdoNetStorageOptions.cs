namespace JobHome.Actors.AdoNet;

/// <summary>Options of the ADO.NET storage providers (PostgreSQL and SQLite).</summary>
public sealed class AdoNetStorageOptions
{
    /// <summary>Default of <see cref="ConnectTimeout"/>.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Default of <see cref="CommandTimeout"/>.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The ADO.NET connection string (Npgsql or Microsoft.Data.Sqlite syntax).</summary>
    /// <remarks>Default: empty; required.</remarks>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>How long opening a connection may take before start fails with a clear error.</summary>
    /// <remarks>
    /// Applied to PostgreSQL as Npgsql's <c>Timeout</c> (whole seconds, rounded up) and as a cancellation deadline on
    /// the first open at start, so an unreachable or silent server fails the start instead of hanging it.
    /// Default: 5 seconds.
    /// </remarks>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>How long one command may run; for SQLite also how long a writer waits for the database lock.</summary>
    /// <remarks>Default: 30 seconds.</remarks>
    public TimeSpan CommandTimeout { get; set; } = DefaultCommandTimeout;
}
