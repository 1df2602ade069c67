using System.Collections.Concurrent;
using JobHome.Storage.Calls;
using JobHome.Storage.Streams;
using Orleans.Runtime;
using Orleans.Serialization.Invocation;
using Orleans.Streams;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// How the pulling agent's delivery calls of SQLite stream rows failed, seen where the agent runs (an outgoing call
/// observer of the silo, <see cref="IOutgoingCallObserver"/>): the consumer answered with an exception of its own, or
/// the runtime failed the call without an answer — no response within the response timeout (a consumer still busy with
/// an earlier call, a swamped silo), a rejection, an unavailable silo, a cancellation. The agent itself does not tell: it
/// retries either kind for <c>MaxEventDeliveryTime</c> and then names only the call's first token to the failure
/// handler. The handler (<see cref="SqliteStreamFailureHandler"/>) asks here: only a call whose last attempt the
/// consumer failed itself dead-letters its first row; a call that was never answered is delivered again and its attempt
/// is not counted.
/// </summary>
/// <remarks>
/// Every other outgoing call costs one type comparison and is not awaited here. Entries exist only for delivery calls
/// whose last attempt failed: a retry that succeeds removes its entry, the failure handler takes it when the agent gives up.
/// </remarks>
internal sealed class SqliteDeliveryOutcomes : IOutgoingCallObserver
{
    private readonly ConcurrentDictionary<long, DeliveryFailure> _failures = new();

    /// <summary>Failed delivery calls noted and not yet taken (tests).</summary>
    internal int Pending => _failures.Count;

    /// <summary>Chooses the delivery calls of this provider's rows: their row ids, first row first.</summary>
    public object? OnSending(GrainReference target, IInvokable request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamDeliveryCalls.TryRead(request, out _, out var batch) && Rows(batch) is { Length: > 0 } rows ? rows : null;
    }

    /// <inheritdoc />
    public void OnCompleted(object state, Exception? failure) => Outcome((long[])state, failure);

    /// <summary>
    /// Takes what is known about the failed delivery call whose first row is <paramref name="firstRow"/> (the token the
    /// agent names when it gives up); null if nothing was noted (no such call was made by this silo).
    /// </summary>
    public DeliveryFailure? Take(long firstRow) => _failures.TryRemove(firstRow, out var failure) ? failure : null;

    // A failed attempt is noted (the type only: a consumer's message may carry what an event holds, and personal data stays
    // out of logs and tables); an answered one drops the note of an earlier attempt.
    private void Outcome(long[] rows, Exception? failure)
    {
        if (failure is not null)
        {
            _failures[rows[0]] = new DeliveryFailure(!StreamDeliveryCalls.IsUnanswered(failure), rows, failure.GetType().Name);
        }
        else if (!_failures.IsEmpty)
        {
            _failures.TryRemove(rows[0], out _);
        }
    }

    // The row ids of a delivery of this provider's rows (one container, or Orleans' batch of them), first row first;
    // null for anything else (another provider's containers).
    private static long[]? Rows(IBatchContainer batch)
    {
        if (batch is SqliteBatchContainer { Token: { } token })
        {
            return [token.SequenceNumber];
        }

        if (batch is not IBatchContainerBatch { BatchContainers: { Count: > 0 } containers })
        {
            return null;
        }

        var rows = new long[containers.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            if (containers[i] is not SqliteBatchContainer { Token: { } row })
            {
                return null;
            }

            rows[i] = row.SequenceNumber;
        }

        return rows;
    }
}

/// <summary>
/// The last failed attempt of one delivery call: whether the consumer threw (its own failure, not a timeout or rejection),
/// the rows the call carried (first row first) and the exception's type name.
/// </summary>
internal sealed record DeliveryFailure(bool ConsumerThrew, long[] Rows, string Error);
