using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Storage;

namespace JobHome.Storage.Sqlite.State;

/// <summary>
/// The embedded store's batched state read (<see cref="IGrainStateBatchReader"/>, offered by <see cref="SqliteGrainStorage"/>):
/// one <c>SELECT … WHERE state_name = $state AND grain_id IN (…)</c> per <see cref="ChunkSize"/> ids on one pooled read
/// connection, each id a primary-key lookup, instead of a connection, a statement and a query per id. Payloads go through
/// the same serializer as the storage's single reads, so a batch returns exactly what row-by-row reads would.
/// </summary>
internal static class SqliteStateBatchReads
{
    /// <summary>Ids per statement (well under SQLite's bound-parameter limit).</summary>
    public const int ChunkSize = 500;

    private static readonly string[] ParameterNames = [.. Enumerable.Range(0, ChunkSize).Select(i => "$g" + i)];
    private static readonly string FullChunkSql = Sql(ChunkSize);

    /// <summary>Reads the states of <paramref name="grainIds"/> from <paramref name="store"/>; null where none is stored.</summary>
    public static async Task<T?[]> ReadAsync<T>(SqliteStore store, IGrainStorageSerializer serializer, string stateName,
        IReadOnlyList<GrainId> grainIds, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(grainIds);
        var result = new T?[grainIds.Count];
        if (grainIds.Count == 0)
        {
            return result;
        }
        var keys = new string[grainIds.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = grainIds[i].ToString();
        }
        var payloads = new Dictionary<string, byte[]?>(keys.Length, StringComparer.Ordinal);
        await using (var connection = await store.OpenReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var start = 0; start < keys.Length; start += ChunkSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(ChunkSize, keys.Length - start);
                ReadChunk(connection, stateName, keys.AsSpan(start, count), payloads);
            }
        }
        for (var i = 0; i < keys.Length; i++)
        {
            if (payloads.TryGetValue(keys[i], out var payload) && payload is not null)
            {
                result[i] = serializer.Deserialize<T>(new BinaryData(payload));
            }
        }
        return result;
    }

    private static void ReadChunk(SqliteConnection connection, string stateName, ReadOnlySpan<string> keys,
        Dictionary<string, byte[]?> payloads)
    {
        using var command = connection.CreateCommand();
        command.CommandText = keys.Length == ChunkSize ? FullChunkSql : Sql(keys.Length);
        command.Parameters.AddWithValue("$state", stateName);
        for (var i = 0; i < keys.Length; i++)
        {
            command.Parameters.AddWithValue(ParameterNames[i], keys[i]);
        }
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // A cleared row (NULL payload) counts as no state, as in SqliteGrainStorage.ReadStateAsync.
            payloads[reader.GetString(0)] = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
        }
    }

    private static string Sql(int count) =>
        "SELECT grain_id, payload FROM grain_state WHERE state_name = $state AND grain_id IN ("
            + string.Join(", ", ParameterNames.Take(count)) + ")";
}
