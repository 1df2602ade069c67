using Orleans;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// One published batch (one row of <c>stream_queue</c>). The row id is the sequence number of its token; event i of
/// the batch has token (id, i), so a consumer can dedupe by token across redeliveries.
/// </summary>
[GenerateSerializer]
[Alias("jobhome.sqlite-stream-batch")]
internal sealed class SqliteBatchContainer : IBatchContainer
{
    /// <summary>Creates a batch for publishing (no token yet: the row id becomes its token when read).</summary>
    public SqliteBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
    }

    /// <inheritdoc />
    [Id(0)]
    public StreamId StreamId { get; }

    /// <summary>The events, in publish order.</summary>
    [Id(1)]
    public List<object> Events { get; }

    /// <summary>The publisher's request context, if any.</summary>
    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; }

    /// <summary>The token from the row id; set when the row is read.</summary>
    [Id(3)]
    public EventSequenceTokenV2? Token { get; set; }

    /// <inheritdoc />
    public StreamSequenceToken SequenceToken =>
        Token ?? throw new InvalidOperationException("The batch has not been read from the queue yet.");

    /// <inheritdoc />
    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        var token = (EventSequenceTokenV2)SequenceToken;
        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i] is T item)
            {
                yield return Tuple.Create<T, StreamSequenceToken>(item, token.CreateSequenceTokenForEvent(i));
            }
        }
    }

    /// <inheritdoc />
    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"[SqliteBatch {StreamId} #{Token?.SequenceNumber} x{Events.Count}]";
}
