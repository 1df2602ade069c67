using Orleans.Runtime;
using Orleans.Serialization.Invocation;

namespace JobHome.Storage.Calls;

/// <summary>
/// Watches chosen grain calls this silo makes, without an outgoing grain call filter (<see cref="OutgoingCallObservation"/>):
/// Orleans sends a call through its pooled, allocation-free path only while no such filter is registered, so a filter costs
/// every call of the silo, while an observer costs an unchosen call one method call.
/// </summary>
public interface IOutgoingCallObserver
{
    /// <summary>
    /// Called on the caller's turn before a waited-for call is sent (never for a one-way call). Returns null to let the call
    /// go unobserved (no await, no allocation), or a state handed to <see cref="OnCompleted"/> when the call ends. The state
    /// must hold everything <see cref="OnCompleted"/> needs: <paramref name="request"/> may be reused once the call is sent.
    /// </summary>
    object? OnSending(GrainReference target, IInvokable request);

    /// <summary>
    /// Called when an observed call ended: <paramref name="failure"/> is null when the target answered, else the exception
    /// the call failed with (the target's own, or the runtime's: a timeout, a rejection). The caller still sees the outcome.
    /// </summary>
    void OnCompleted(object state, Exception? failure);
}
