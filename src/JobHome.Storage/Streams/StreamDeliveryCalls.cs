using Orleans.Runtime;
using Orleans.Serialization.Invocation;
using Orleans.Streams;

namespace JobHome.Storage.Streams;

/// <summary>
/// The pulling agent's delivery calls as an outgoing call observer sees them, for the stores' delivery-outcome observers
/// (<see cref="Sqlite.Streams.SqliteDeliveryOutcomes"/>, <see cref="Postgres.Streams.PostgresDeliveryOutcomes"/>): which
/// call is a delivery, and whether a failure was the consumer's own or the runtime's.
/// </summary>
internal static class StreamDeliveryCalls
{
    // Orleans' consumer extension is internal to Orleans.Streaming: found by name once (null: no call is recognised as a
    // delivery, and the failure handlers then dead-letter as Orleans' own does).
    private static readonly Type? ConsumerExtension =
        typeof(IBatchContainer).Assembly.GetType("Orleans.Streams.IStreamConsumerExtension");

    /// <summary>True when the consumer extension was found (tests: the filters can recognise deliveries).</summary>
    internal static bool Recognised => ConsumerExtension is not null;

    /// <summary>
    /// True for a delivery call of the pulling agent (<c>DeliverBatch</c> on the consumer extension), with its subscription
    /// and the delivered container (one container, or Orleans' batch of them).
    /// </summary>
    public static bool TryRead(IInvokable request, out GuidId subscription, out IBatchContainer batch)
    {
        if (ConsumerExtension is not null
            && request.GetInterfaceType() == ConsumerExtension
            && string.Equals(request.GetMethodName(), "DeliverBatch", StringComparison.Ordinal)
            && request.GetArgument(0) is GuidId id
            && request.GetArgument(2) is IBatchContainer delivered)
        {
            subscription = id;
            batch = delivered;
            return true;
        }

        subscription = null!;
        batch = null!;
        return false;
    }

    /// <summary>
    /// Whether <paramref name="exception"/>, the outcome of a grain call, is the runtime's (the call was not answered by
    /// the target's code) rather than the target's own.
    /// </summary>
    public static bool IsUnanswered(Exception exception) =>
        exception is TimeoutException or OperationCanceledException or OrleansMessageRejectionException
            or ClientNotAvailableException or GatewayTooBusyException;
}
