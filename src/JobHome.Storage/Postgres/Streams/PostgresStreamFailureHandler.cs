using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Runtime;
using Orleans.Streams;

namespace JobHome.Storage.Postgres.Streams;

/// <summary>
/// Orleans' ADO.NET failure handler with the silo's view of how the given-up call failed
/// (<see cref="PostgresDeliveryOutcomes"/>). Orleans' own handler (<c>FailStreamMessageKey</c>) cannot tell a consumer
/// that threw from one that never answered, and every dequeue counts an attempt, so a consumer slower than the
/// response timeout used up attempts and got messages it had applied dead-lettered. Now, when the agent gives up:
/// <list type="bullet">
/// <item>the consumer never answered: every message of the call is visible again at once and the dequeue that
/// delivered it is taken back (<c>jobhome_stream_take_back</c>, schema 0009): delivered again, no attempt counted,
/// nothing dead-lettered;</item>
/// <item>the consumer threw: the first message is made visible again while attempts remain, otherwise dead-lettered
/// with the reason (<c>jobhome_stream_fail</c>), as Orleans' handler does but naming the consumer's exception type; the
/// call's other messages come back after the visibility timeout with one more attempt, as before;</item>
/// <item>nothing was noted (a failure outside a delivery call of this silo): Orleans' handler, as before.</item>
/// </list>
/// Both statements act on a message only while it carries the receipt of the read the call delivered, so a message
/// dequeued again meanwhile is left to that later read.
/// </summary>
internal sealed partial class PostgresStreamFailureHandler(
    IStreamFailureHandler inner,
    PostgresDeliveryOutcomes outcomes,
    PostgresStreamStatements statements,
    IStreamQueueMapper mapper,
    ILogger<PostgresStreamFailureHandler> logger) : IStreamFailureHandler
{
    /// <inheritdoc />
    public bool ShouldFaultSubsriptionOnError => inner.ShouldFaultSubsriptionOnError;

    /// <inheritdoc />
    public async Task OnDeliveryFailure(
        GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        var failure = sequenceToken is null ? null : outcomes.Take(subscriptionId.Guid, sequenceToken.SequenceNumber);
        if (failure is null)
        {
            await inner.OnDeliveryFailure(subscriptionId, streamProviderName, streamIdentity, sequenceToken).ConfigureAwait(false);
            outcomes.CountGivenUp(unanswered: false);
            return;
        }

        // The ADO.NET provider stores a queue under QueueId.ToString() (as NotifiedQueueAdapter listens for it).
        var queue = mapper.GetQueueForStream(streamIdentity).ToString();
        var first = failure.Messages[0];
        if (!failure.ConsumerThrew)
        {
            var taken = await statements.TakeBackAsync(streamProviderName, queue, failure.Messages, failure.Receipts).ConfigureAwait(false);
            outcomes.CountGivenUp(unanswered: true);
            LogUnanswered(logger, first, failure.Messages.Length, taken, streamProviderName, streamIdentity, subscriptionId, failure.Error);
            return;
        }

        var reason = $"delivery to subscription {subscriptionId} kept failing for MaxEventDeliveryTime (the consumer threw {failure.Error})";
        // The call's other messages are left hidden until their visibility timeout, as Orleans leaves them: released at
        // once they would travel with a poison that heads the call and share its attempts, or keep a poison behind an
        // innocent first message in every call until the innocent one is dead-lettered.
        var outcome = await statements.FailAsync(streamProviderName, queue, first, failure.Receipts[0], reason).ConfigureAwait(false);
        outcomes.CountGivenUp(unanswered: false);
        switch (outcome)
        {
            case PostgresStreamStatements.Failed.DeadLettered:
                LogDeadLettered(logger, first, streamProviderName, streamIdentity, subscriptionId, failure.Error);
                break;
            case PostgresStreamStatements.Failed.Retried:
                LogRetried(logger, first, streamProviderName, streamIdentity, subscriptionId, failure.Error);
                break;
            default:
                LogGone(logger, first, streamProviderName, streamIdentity, subscriptionId, failure.Error);
                break;
        }
    }

    /// <inheritdoc />
    public Task OnSubscriptionFailure(
        GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken) =>
        inner.OnSubscriptionFailure(subscriptionId, streamProviderName, streamIdentity, sequenceToken);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Delivery of stream message {Id} and the {Count} messages of its call (provider {Provider} stream {Stream}, "
            + "subscription {Subscription}) given up unanswered ({Error}), not dead-lettered: {Taken} of them visible again "
            + "without an attempt counted (the others were dequeued again meanwhile or are gone)")]
    private static partial void LogUnanswered(
        ILogger logger, long id, int count, int taken, string provider, StreamId stream, GuidId subscription, string error);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stream message {Id} of provider {Provider} stream {Stream} dead-lettered: delivery to {Subscription} "
            + "kept failing and the consumer threw {Error} (with batched delivery: the call it began; the call's other "
            + "messages are delivered again)")]
    private static partial void LogDeadLettered(
        ILogger logger, long id, string provider, StreamId stream, GuidId subscription, string error);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Delivery of stream message {Id} of provider {Provider} stream {Stream} to {Subscription} given up "
            + "(the consumer threw {Error}): delivered again while attempts remain")]
    private static partial void LogRetried(
        ILogger logger, long id, string provider, StreamId stream, GuidId subscription, string error);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Delivery of stream message {Id} of provider {Provider} stream {Stream} to {Subscription} given up "
            + "(the consumer threw {Error}); the message was dequeued again meanwhile or is gone, so it is left alone")]
    private static partial void LogGone(
        ILogger logger, long id, string provider, StreamId stream, GuidId subscription, string error);
}

/// <summary>
/// What <see cref="NotifiedQueueAdapterFactory"/> needs for <see cref="PostgresStreamFailureHandler"/>: the silo's delivery
/// outcomes, and the provider's service id, attempt limit (<c>MaxAttempts</c>) and dead-letter retention
/// (<c>DeadLetterEvictionTimeout</c>).
/// </summary>
internal sealed record PostgresFailureHandling(
    PostgresDeliveryOutcomes Outcomes, string ServiceId, int MaxAttempts, TimeSpan DeadLetterRetention);

/// <summary>The failure handler's statements (schema 0009) on the stream tables of one database and service.</summary>
internal sealed class PostgresStreamStatements(NpgsqlDataSource dataSource, string serviceId, int maxAttempts, int removalTimeoutSeconds)
{
    /// <summary>What <c>jobhome_stream_fail</c> did with the message.</summary>
    public enum Failed
    {
        /// <summary>Gone, or dequeued again since the read the call delivered: left alone.</summary>
        Untouched = 0,

        /// <summary>Visible again (attempts remain).</summary>
        Retried = 1,

        /// <summary>Moved to the dead letters with the reason.</summary>
        DeadLettered = 2,
    }

    /// <summary>
    /// Takes back the read that delivered each message (while it still carries its receipt) and makes it visible again at
    /// once. Returns how many moved.
    /// </summary>
    public async Task<int> TakeBackAsync(string provider, string queue, long[] messages, int[] receipts)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT jobhome_stream_take_back(@service, @provider, @queue, @messages, @receipts)");
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("queue", queue);
        command.Parameters.AddWithValue("messages", NpgsqlDbType.Array | NpgsqlDbType.Bigint, messages);
        command.Parameters.AddWithValue("receipts", NpgsqlDbType.Array | NpgsqlDbType.Integer, receipts);
        return (int)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    /// <summary>A delivery the consumer failed: the message is retried while attempts remain, else dead-lettered with <paramref name="reason"/>.</summary>
    public async Task<Failed> FailAsync(string provider, string queue, long message, int receipt, string reason)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT jobhome_stream_fail(@service, @provider, @queue, @message, @receipt, @maxAttempts, @removal, @reason)");
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("queue", queue);
        command.Parameters.AddWithValue("message", message);
        command.Parameters.AddWithValue("receipt", receipt);
        command.Parameters.AddWithValue("maxAttempts", maxAttempts);
        command.Parameters.AddWithValue("removal", removalTimeoutSeconds);
        command.Parameters.AddWithValue("reason", reason);
        return (Failed)(int)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }
}
