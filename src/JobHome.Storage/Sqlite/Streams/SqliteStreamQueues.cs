using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// What publishing to one SQLite stream provider's queues needs in this process, shared by its adapter and by state
/// writes that carry events (<see cref="JobHome.Storage.Streams.StreamOutbox"/>): the stream → queue mapping, the
/// queues' wake-up signals (the receivers wait on the same objects), and the row a publish inserts. Both paths build and
/// insert rows here, so a row carried by a state write is exactly the row the provider's publish would have inserted.
/// </summary>
internal sealed class SqliteStreamQueues
{
    /// <summary>Creates provider <paramref name="name"/>'s mapping (a hash ring of the options' queue count) and signals.</summary>
    public SqliteStreamQueues(string name, SqliteStreamOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Mapper = new HashRingBasedStreamQueueMapper(
            new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, name);
    }

    /// <summary>The provider's name (the <c>provider</c> column of its rows).</summary>
    public string Name { get; }

    /// <summary>The stream → queue mapping.</summary>
    public HashRingBasedStreamQueueMapper Mapper { get; }

    /// <summary>The queues' wake-up signals in this process.</summary>
    public SqliteQueueSignals Signals { get; } = new();

    /// <summary>The row one publish of <paramref name="events"/> on <paramref name="streamId"/> inserts.</summary>
    public SqliteQueueRow Row(
        StreamId streamId,
        List<object> events,
        Dictionary<string, object>? requestContext,
        Serializer<SqliteBatchContainer> serializer) =>
        new((int)Mapper.GetQueueForStream(streamId).GetNumericId(),
            streamId.ToString(),
            serializer.SerializeToArray(new SqliteBatchContainer(streamId, events, requestContext)));

    /// <summary>Inserts <paramref name="row"/> inside the batch transaction (the commit must then notify its queue).</summary>
    public int Insert(SqliteWriteContext context, SqliteQueueRow row)
    {
        var statement = context.Statement(SqliteStreamQueue.EnqueueSql);
        statement.Bind("$provider", Name);
        statement.Bind("$queue", row.Queue);
        statement.Bind("$stream", row.Stream);
        statement.BindBlob("$payload", row.Payload);
        statement.Bind("$now", context.NowMicroseconds);
        return statement.Run();
    }
}

/// <summary>One queue row to insert: its queue, stream and serialized batch.</summary>
internal readonly record struct SqliteQueueRow(int Queue, string Stream, byte[] Payload);
