using JobHome.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace JobHome.Tests.Shared;

/// <summary>
/// Puts an embedded file's state table back into schema 1's layout (the WITHOUT ROWID table that files written before
/// schema 3 hold), rows included: for the migration tests and the layout benchmarks. The table's definition is taken from
/// the embedded script 1 itself, so it is the one old files have.
/// </summary>
internal static class SchemaOneStateTable
{
    /// <summary>
    /// Rebuilds <c>grain_state</c> of the file at <paramref name="path"/> in schema 1's layout with the same rows, in one
    /// transaction. With <paramref name="forgetLaterScripts"/> the file no longer records scripts 3 and later, so the next
    /// store to open it migrates it again; without, it opens as it is.
    /// </summary>
    public static void PutBack(string path, bool forgetLaterScripts)
    {
        var schemaOne = SchemaScripts.Load(SchemaDialect.Sqlite).Single(s => s.Version == 1).Sql;
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        // Script 1 creates only what is missing (IF NOT EXISTS): with the table renamed away, that is the state table.
        command.CommandText = $"""
            BEGIN;
            ALTER TABLE grain_state RENAME TO grain_state_new;
            {schemaOne}
            INSERT INTO grain_state SELECT grain_id, state_name, version, payload, modified_at FROM grain_state_new;
            DROP TABLE grain_state_new;
            {(forgetLaterScripts ? "DELETE FROM schema_version WHERE version >= 3;" : string.Empty)}
            COMMIT;
            """;
        command.ExecuteNonQuery();
    }
}
