using JobHome.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// The writer's prepared statements (<see cref="SqliteWriteContext.Statement"/>) store what was bound: text as text, empty
/// text as empty text (not NULL: the audit log binds strings that may be empty), NULL as NULL, integers as integers; and a
/// statement run again with new values stores the new ones, nothing of the run before.
/// </summary>
public sealed class SqlitePreparedStatementTests : IDisposable
{
    private readonly SqliteTestFile _file = new();

    [Fact]
    public async Task Statement_TextEmptyTextNullAndIntegers_StoredAsBound()
    {
        await using (var store = new SqliteStore(new SqliteStoreOptions { Path = _file.Path }, TimeProvider.System,
            NullLogger<SqliteStore>.Instance))
        {
            await store.StartAsync();
            await store.WriteAsync(context =>
            {
                using var create = context.Command("CREATE TABLE bound (id INTEGER PRIMARY KEY, n INTEGER, t TEXT, u TEXT)");
                return create.ExecuteNonQuery();
            });
            var ids = await store.WriteAsync(context =>
            {
                var insert = context.Statement("INSERT INTO bound (n, t, u) VALUES ($n, $t, $u) RETURNING id");
                insert.Bind("$n", 42);
                insert.Bind("$t", "网点 360722");
                insert.Bind("$u", string.Empty);
                var first = insert.RunScalar();
                insert.Bind("$n", -7);
                insert.Bind("$t", string.Empty);
                insert.BindNull("$u");
                var second = insert.RunScalar();
                return (first, second);
            });
            Assert.Equal((1L, 2L), ids);
        }

        Assert.Equal(1, _file.Scalar("SELECT count(*) FROM bound WHERE id = 1 AND n = 42 AND t = '网点 360722' AND u = ''"));
        Assert.Equal(1, _file.Scalar("SELECT count(*) FROM bound WHERE id = 2 AND n = -7 AND t = '' AND u IS NULL"));
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
