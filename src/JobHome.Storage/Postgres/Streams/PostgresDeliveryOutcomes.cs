using System.Collections.Concurrent;
using System.Linq.Expressions;
using JobHome.Storage.Calls;
using JobHome.Storage.Streams;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Invocation;
using Orleans.Streams;

namespace JobHome.Storage.Postgres.Streams;

/// <summary>
/// How the pulling agent's delivery calls of PostgreSQL stream messages (Orleans' ADO.NET provider) failed, seen where the
/// agent runs (an outgoing call observer of the silo, <see cref="IOutgoingCallObserver"/>): the consumer answered with an
/// exception of its own, or the runtime failed the call without an answer (no response within the response timeout, a
/// rejection, an unavailable silo, a cancellation: <see cref="StreamDeliveryCalls.IsUnanswered"/>, the same split as the
/// embedded store's). The agent
/// does not tell: it retries either kind for <c>MaxEventDeliveryTime</c>, then names only the call's first message to the
/// failure handler, which asks here (<see cref="PostgresStreamFailureHandler"/>).
/// </summary>
/// <remarks>
/// A note is kept per subscription and first container (its sequence token: in 10.4.2-alpha.1 a position in the queue
/// cache, not the message id), and holds every message id of the call with the receipt of the read that delivered it
/// (the container's <c>MessageId</c> and <c>Dequeued</c>). Every other outgoing call costs one type comparison and is not
/// awaited here; the messages of a delivery call are read only when an attempt failed. A retry that succeeds removes the note, the failure
/// handler takes it when the agent gives up.
/// </remarks>
internal sealed class PostgresDeliveryOutcomes : IOutgoingCallObserver
{
    // The ADO.NET provider's container is internal to its assembly: found by name once (null: never matches, and the
    // failure handler then does what Orleans' own does; likewise without Orleans' consumer extension, StreamDeliveryCalls).
    private static readonly Type? Container =
        typeof(AdoNetStreamOptions).Assembly.GetType("Orleans.Streaming.AdoNet.AdoNetBatchContainer");

    // The container's receipt: the message's dequeue count as of the read that produced it.
    private static readonly Func<IBatchContainer, int>? Receipt = Getter<int>("Dequeued");

    // The stored message's id. In 10.4.2-alpha.1 the container's sequence token is not the message id but a position in
    // the queue cache the receiver hands out (and resolves for Orleans' failure handler); the id is the container's
    // MessageId (not serialized: set by the receiver on the silo that dequeued it, which is where the agent runs).
    private static readonly Func<IBatchContainer, long>? MessageId = Getter<long>("MessageId");

    // Keyed by subscription and the position of the call's first container: what the agent names when it gives up.
    private readonly ConcurrentDictionary<(Guid Subscription, long FirstPosition), PostgresDeliveryFailure> _failures = new();
    private long _counted;
    private long _unanswered;

    /// <summary>Whether this Orleans build exposes what the observer needs (tests: the provider's internals were found).</summary>
    internal static bool Recognises =>
        StreamDeliveryCalls.Recognised && Container is not null && Receipt is not null && MessageId is not null;

    /// <summary>Failed delivery calls noted and not yet taken (tests).</summary>
    internal int Pending => _failures.Count;

    /// <summary>Deliveries the agent gave up on so far, on every queue of this silo (tests).</summary>
    internal long GivenUp => Counted + Unanswered;

    /// <summary>Of those, the ones given up unanswered and taken back (tests).</summary>
    internal long Unanswered => Interlocked.Read(ref _unanswered);

    /// <summary>Of those, the ones that counted an attempt: the consumer threw, or nothing was noted (tests).</summary>
    internal long Counted => Interlocked.Read(ref _counted);

    /// <summary>Chooses the delivery calls of the ADO.NET provider's messages: their subscription and containers.</summary>
    public object? OnSending(GrainReference target, IInvokable request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamDeliveryCalls.TryRead(request, out var subscription, out var batch) && IsOurs(batch)
            ? new Delivery(subscription.Guid, batch)
            : null;
    }

    /// <inheritdoc />
    public void OnCompleted(object state, Exception? failure)
    {
        var delivery = (Delivery)state;
        Outcome(delivery.Subscription, delivery.Batch, failure);
    }

    /// <summary>
    /// Takes what is known about the failed delivery call of <paramref name="subscription"/> whose first container has
    /// the sequence number <paramref name="firstPosition"/> (of the token the agent names when it gives up); null if
    /// nothing was noted.
    /// </summary>
    public PostgresDeliveryFailure? Take(Guid subscription, long firstPosition) =>
        _failures.TryRemove((subscription, firstPosition), out var failure) ? failure : null;

    /// <summary>Counts a give-up the failure handler dealt with.</summary>
    internal void CountGivenUp(bool unanswered) => Interlocked.Increment(ref unanswered ? ref _unanswered : ref _counted);

    // A failed attempt is noted (the type only: a consumer's message may carry what an event holds, and personal data stays
    // out of logs and tables); an answered one drops the note of an earlier attempt.
    private void Outcome(Guid subscription, IBatchContainer batch, Exception? failure)
    {
        var key = (subscription, batch.SequenceToken.SequenceNumber);
        if (failure is not null)
        {
            var (messages, receipts) = Messages(batch);
            _failures[key] = new PostgresDeliveryFailure(
                !StreamDeliveryCalls.IsUnanswered(failure), messages, receipts, failure.GetType().Name);
        }
        else if (!_failures.IsEmpty)
        {
            _failures.TryRemove(key, out _);
        }
    }

    private static bool IsOurs(IBatchContainer batch)
    {
        if (Container is null || Receipt is null || MessageId is null)
        {
            return false;
        }

        if (batch.GetType() == Container)
        {
            return true;
        }

        if (batch is not IBatchContainerBatch { BatchContainers: { Count: > 0 } containers })
        {
            return false;
        }

        foreach (var container in containers)
        {
            if (container?.GetType() != Container)
            {
                return false;
            }
        }

        return true;
    }

    // The message ids and receipts of a call recognised by IsOurs, first message first.
    private static (long[] Messages, int[] Receipts) Messages(IBatchContainer batch)
    {
        if (batch is not IBatchContainerBatch { BatchContainers: var containers })
        {
            return ([MessageId!(batch)], [Receipt!(batch)]);
        }

        var messages = new long[containers.Count];
        var receipts = new int[containers.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = MessageId!(containers[i]);
            receipts[i] = Receipt!(containers[i]);
        }

        return (messages, receipts);
    }

    // An observed delivery call: the subscription and what it carried.
    private sealed record Delivery(Guid Subscription, IBatchContainer Batch);

    // A compiled reader of the container's public property (the type itself is internal to Orleans' assembly).
    private static Func<IBatchContainer, T>? Getter<T>(string name)
    {
        if (Container?.GetProperty(name) is not { GetMethod.IsPublic: true } property || property.PropertyType != typeof(T))
        {
            return null;
        }

        var container = Expression.Parameter(typeof(IBatchContainer), "container");
        return Expression.Lambda<Func<IBatchContainer, T>>(
            Expression.Property(Expression.Convert(container, Container), property), container).Compile();
    }
}

/// <summary>
/// The last failed attempt of one delivery call of PostgreSQL stream messages: whether the consumer threw (its own failure,
/// not a timeout or rejection), the messages the call carried (first message first) with the receipts of the read that
/// delivered them, and the exception's type name.
/// </summary>
internal sealed record PostgresDeliveryFailure(bool ConsumerThrew, long[] Messages, int[] Receipts, string Error);
