using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace JobHome.Storage.Sqlite;

/// <summary>
/// One statement of the store's hot paths (grain state writes and reads, stream rows, the silo's audit log), prepared once
/// on a connection the store keeps open and run with its values bound in place: no parameter objects, boxed values,
/// readers or parameter-name lookups per run, which a <see cref="SqliteCommand"/> makes on every execution. On the writer's
/// connection it runs in the batch transaction the writer opened (a statement joins its connection's transaction).
/// </summary>
/// <remarks>
/// Bind every parameter before each run. <see cref="Run"/> and <see cref="RunScalar"/> reset the statement and clear its
/// bindings afterwards, also when they fail, so no value leaks into the next run; a caller stepping rows itself
/// (<see cref="Next"/>) calls <see cref="Reset"/> in a <c>finally</c>. One thread at a time: the writer loop, or the
/// reader that rented the statement's connection.
/// </remarks>
public sealed class SqlitePreparedStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly string[] _names;

    /// <summary>Prepares <paramref name="sql"/> (one statement) on <paramref name="connection"/>, which must be open.</summary>
    internal SqlitePreparedStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_database, sql, out _statement, out var tail);
        SqliteException.ThrowExceptionForRC(rc, _database);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            _statement.Dispose();
            throw new ArgumentException($"One statement expected, found more: '{tail}'.", nameof(sql));
        }

        // SQLite numbers named parameters from 1 in order of first appearance.
        _names = new string[raw.sqlite3_bind_parameter_count(_statement)];
        for (var i = 0; i < _names.Length; i++)
        {
            _names[i] = raw.sqlite3_bind_parameter_name(_statement, i + 1).utf8_to_string();
        }
    }

    /// <summary>Binds an integer to <paramref name="name"/> (as written in the SQL, with its <c>$</c>).</summary>
    public void Bind(string name, long value) => Check(raw.sqlite3_bind_int64(_statement, Index(name), value));

    /// <summary>Binds text to <paramref name="name"/> (copied by SQLite; empty text stays empty text, not NULL).</summary>
    public void Bind(string name, ReadOnlySpan<char> value) => Check(raw.sqlite3_bind_text16(_statement, Index(name), value));

    /// <summary>Binds a blob to <paramref name="name"/> (copied by SQLite).</summary>
    public void BindBlob(string name, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, Index(name), value));

    /// <summary>Binds NULL to <paramref name="name"/>.</summary>
    public void BindNull(string name) => Check(raw.sqlite3_bind_null(_statement, Index(name)));

    /// <summary>Runs the statement to its end; returns the rows it changed.</summary>
    public int Run()
    {
        try
        {
            while (Next())
            {
            }

            return raw.sqlite3_changes(_database);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs the statement to its end; returns the first row's first column as an integer, null without rows.</summary>
    public long? RunScalar()
    {
        try
        {
            long? value = null;
            while (Next())
            {
                value ??= IsNull(0) ? null : Int64(0);
            }

            return value;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Steps to the next row: true on a row, false at the end; throws on an error.</summary>
    public bool Next()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }

        return false;
    }

    /// <summary>True when the current row's <paramref name="column"/> is NULL.</summary>
    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    /// <summary>The current row's <paramref name="column"/> as an integer.</summary>
    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>The current row's <paramref name="column"/> as bytes, valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> Blob(int column) => raw.sqlite3_column_blob(_statement, column);

    /// <summary>Ends the run (a read's snapshot is released) and clears the bindings.</summary>
    public void Reset()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }

    /// <summary>Finalizes the statement (before the connection closes; the connection's owner does it).</summary>
    public void Dispose() => _statement.Dispose();

    private int Index(string name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new ArgumentException($"The statement has no parameter '{name}'.", nameof(name));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }
}
