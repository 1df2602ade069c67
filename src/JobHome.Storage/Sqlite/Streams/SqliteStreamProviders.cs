using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Orleans.Serialization;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// The SQLite stream providers registered on the silo's store (by name), with what a state write needs to insert their
/// rows itself (<see cref="JobHome.Storage.Streams.StreamOutbox"/>): the batch serializer and the copier of the request
/// context.
/// </summary>
internal sealed class SqliteStreamProviders(Serializer<SqliteBatchContainer> serializer, DeepCopier copier)
{
    private readonly ConcurrentDictionary<string, SqliteStreamQueues> _providers = new(StringComparer.Ordinal);

    /// <summary>The batch serializer (the adapters' own).</summary>
    public Serializer<SqliteBatchContainer> Serializer => serializer;

    /// <summary>Copies the request context into a row, as Orleans' stream producer does for a publish.</summary>
    public DeepCopier Copier => copier;

    /// <summary>Registers provider <paramref name="name"/> (or returns the one registered).</summary>
    public SqliteStreamQueues Add(string name, SqliteStreamOptions options) =>
        _providers.GetOrAdd(name, static (n, o) => new SqliteStreamQueues(n, o), options);

    /// <summary>Provider <paramref name="name"/>'s queues, if it is a SQLite provider on this store.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out SqliteStreamQueues? queues) => _providers.TryGetValue(name, out queues);
}
