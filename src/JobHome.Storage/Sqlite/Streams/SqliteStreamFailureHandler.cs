using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// Called by Orleans' pulling agent when a delivery kept failing for <c>MaxEventDeliveryTime</c> (retried with
/// back-off meanwhile). Orleans names only the call's first message and not why the call failed; the silo's
/// <see cref="SqliteDeliveryOutcomes"/> observer saw how its last attempt ended:
/// <list type="bullet">
/// <item>the consumer threw (or nothing was noted): the first message moves to <c>stream_dead_letters</c> and the agent
/// goes on with the next one, so a poison event is not retried for ever and is not redelivered after a restart; with
/// batched delivery the call's other messages are put back into the queue (<see cref="SqliteQueueCache"/>,
/// <see cref="SqliteQueueAdapterReceiver"/>), so only that first message is dead-lettered;</item>
/// <item>the consumer never answered (no response within the response timeout — a consumer still working through an
/// earlier call on a swamped silo —, a rejection, an unavailable silo): not the event's fault. Nothing is
/// dead-lettered; every message of the call, the first included, is put back into the queue and delivered again
/// without an attempt counted (the consumer drops what it had applied meanwhile as a duplicate).</item>
/// </list>
/// </summary>
internal sealed partial class SqliteStreamFailureHandler(
    SqliteStore store,
    SqliteDeliveryOutcomes? outcomes,
    SqliteRedeliveries redeliveries,
    ILogger<SqliteStreamFailureHandler> logger)
    : IStreamFailureHandler
{
    /// <summary>Implicit subscriptions cannot be faulted anyway; explicit ones keep receiving later events.</summary>
    public bool ShouldFaultSubsriptionOnError => false;

    /// <inheritdoc />
    public async Task OnDeliveryFailure(
        GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        if (sequenceToken is not EventSequenceTokenV2 token)
        {
            LogUnknownToken(logger, streamProviderName, streamIdentity, sequenceToken);
            return;
        }

        var id = token.SequenceNumber;
        var failure = outcomes?.Take(id);
        if (failure is { ConsumerThrew: false })
        {
            // The cache reports the call's rows dropped once the agent lets its bucket go; the receiver moves them.
            redeliveries.Unanswered(failure.Rows);
            LogUnanswered(logger, id, failure.Rows.Length, streamProviderName, streamIdentity, subscriptionId, failure.Error);
            return;
        }

        var reason = failure is null
            ? $"delivery to subscription {subscriptionId} kept failing for MaxEventDeliveryTime"
            : $"delivery to subscription {subscriptionId} kept failing for MaxEventDeliveryTime (the consumer threw {failure.Error})";
        await store.WriteAsync(SqliteWriteLabel.StreamDeadLetter, context => SqliteStreamQueue.DeadLetter(context, id, reason))
            .ConfigureAwait(false);
        store.Forget(id);
        LogDeadLettered(logger, id, streamProviderName, streamIdentity, subscriptionId);
    }

    /// <inheritdoc />
    public Task OnSubscriptionFailure(
        GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(logger, subscriptionId, streamProviderName, streamIdentity);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stream message {Id} of provider {Provider} stream {Stream} dead-lettered: "
            + "delivery to {Subscription} kept failing (with batched delivery: the call it began; the call's other messages "
            + "are delivered again)")]
    private static partial void LogDeadLettered(ILogger logger, long id, string provider, StreamId stream, GuidId subscription);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Delivery of stream message {Id} and the {Count} messages of its call (provider {Provider} stream {Stream}, "
            + "subscription {Subscription}) given up unanswered ({Error}), not dead-lettered: they are delivered again "
            + "without an attempt counted")]
    private static partial void LogUnanswered(
        ILogger logger, long id, int count, string provider, StreamId stream, GuidId subscription, string error);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Delivery failed on provider {Provider} stream {Stream} with a token {Token} that is not ours; "
            + "nothing dead-lettered")]
    private static partial void LogUnknownToken(ILogger logger, string provider, StreamId stream, StreamSequenceToken? token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {Subscription} on provider {Provider} stream {Stream} failed")]
    private static partial void LogSubscriptionFailed(ILogger logger, GuidId subscription, string provider, StreamId stream);
}
