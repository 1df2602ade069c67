using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace JobHome.Actors.AdoNet.Dialects;

/// <summary>
/// One SQLite file in WAL mode. SQLite allows one writer at a time; writers in this process queue on an in-process gate
/// (cheaper and fairer than spinning on <c>SQLITE_BUSY</c>), writers in other processes wait on the busy timeout.
/// </summary>
internal sealed class SqliteDialect : AdoNetDialect
{
    // One gate per database file, shared by every provider instance of this process that opens the same file.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly string _path;
    private readonly string _openPragmas;
    private readonly SemaphoreSlim _gate;

    public SqliteDialect(AdoNetStorageOptions options)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new AdoNetStorageException($"The SQLite connection string is invalid: {e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new AdoNetStorageException("SQLite storage needs a database file (Data Source=path/to/file.db); in-memory databases are not supported.");
        }

        _path = Path.GetFullPath(builder.DataSource);
        builder.DataSource = _path;
        builder.Pooling = true;
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.CommandTimeout.TotalSeconds));
        _connectionString = builder.ToString();
        var busyMilliseconds = (long)Math.Max(1, options.CommandTimeout.TotalMilliseconds);

        // synchronous=NORMAL is SQLite's recommended setting in WAL mode: a commit survives a crash of the process
        // (kill -9); only an operating-system crash or power loss can lose the last commits.
        _openPragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA synchronous = NORMAL;");
        ConnectTimeout = options.ConnectTimeout;
        Description = $"SQLite database '{_path}'";
        _gate = WriteGates.GetOrAdd(_path, static _ => new SemaphoreSlim(1, 1));
    }

    public override string SystemName => "sqlite";

    public override string ScriptFolder => "Sqlite";

    public override string Description { get; }

    public override TimeSpan ConnectTimeout { get; }

    public override string CreateSchemaVersionTableSql => """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = _openPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override void PrepareLocation()
    {
        var directory = Path.GetDirectoryName(_path);
        try
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AdoNetStorageException($"Cannot create the folder of {Description}: {e.Message}", e);
        }
    }

    public override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file: set once, it stays. Readers then never block the writer and vice versa.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new AdoNetStorageException($"{Description} could not be switched to WAL mode (journal mode is '{mode}').");
        }
    }

    public override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new GateRelease(_gate);
    }

    public override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // deferred: false issues BEGIN IMMEDIATE: the write lock is taken up front, so two transactions can never both
        // hold a read lock and deadlock on the upgrade (which the busy timeout cannot resolve).
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask; // BEGIN IMMEDIATE already excludes every other writer, in this process and others.

    public override void AddTimestamp(DbCommand command, string name, DateTimeOffset value) =>
        command.AddParameter(name, ToMicroseconds(value));

    public override DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(ordinal) * TimeSpan.TicksPerMicrosecond);

    private static long ToMicroseconds(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private sealed class GateRelease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
