using Orleans.Runtime;

namespace JobHome.Storage.Streams;

/// <summary>
/// A publisher's stream events carried by its own next state write (a transactional outbox). On the embedded store the
/// grain storage takes them when the grain named in the scope (<see cref="Begin"/>) writes its state: it calls the
/// scope's <c>taken</c> action first (so the publisher can store the events as published in the state it is writing),
/// then inserts one queue row per event in the state write's transaction, exactly as the stream provider's publish would,
/// and wakes the queues' receivers after the commit: the state and the events commit together or not at all. Other
/// stores do not take them (<see cref="Taken"/> stays false): the publisher then publishes after the write as usual.
/// </summary>
/// <remarks>
/// Open the scope right around the one state write (in the grain's turn) and dispose it after awaiting the write. If the
/// write fails after <see cref="Taken"/>, the events may or may not be stored with it (a failed commit is not known to be
/// lost): the publisher must consider them unpublished again and publish them later (consumers dedupe by version).
/// </remarks>
public sealed class StreamOutbox
{
    private static readonly AsyncLocal<StreamOutbox?> Ambient = new();
    private readonly Action _taken;
    private int _take;
    private volatile bool _committed;

    private StreamOutbox(string provider, GrainId grain, IReadOnlyList<StreamOutboxEvent> events, Action taken)
    {
        Provider = provider;
        Grain = grain;
        Events = events;
        _taken = taken;
    }

    /// <summary>The outbox of the current async flow, if a scope is open.</summary>
    public static StreamOutbox? Current => Ambient.Value;

    /// <summary>The stream provider the events are for (taken only by a store whose provider of that name it writes).</summary>
    public string Provider { get; }

    /// <summary>The grain whose state write carries the events (a write of another grain in the flow does not take them).</summary>
    public GrainId Grain { get; }

    /// <summary>The events, one queue row each, in order.</summary>
    public IReadOnlyList<StreamOutboxEvent> Events { get; }

    /// <summary>True once a storage took the events into a state write's transaction.</summary>
    public bool Taken => Volatile.Read(ref _take) != 0;

    /// <summary>True once the write that took them committed (the rows are stored and their receivers told).</summary>
    public bool Committed => _committed;

    /// <summary>
    /// Opens a scope: the next state write of <paramref name="grain"/> in this async flow on a store that writes
    /// <paramref name="provider"/>'s queue carries <paramref name="events"/>; <paramref name="taken"/> runs (once,
    /// synchronously) when the storage takes them, before it serializes the state.
    /// </summary>
    public static Scope Begin(string provider, GrainId grain, IReadOnlyList<StreamOutboxEvent> events, Action taken)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(taken);
        var previous = Ambient.Value;
        var current = new StreamOutbox(provider, grain, events, taken);
        Ambient.Value = current;
        return new Scope(current, previous);
    }

    /// <summary>
    /// A storage about to write <paramref name="grain"/>'s state takes the events: true once, for the scope's grain, and
    /// only when there are events; runs the publisher's <c>taken</c> action.
    /// </summary>
    internal bool TryTake(GrainId grain)
    {
        if (Events.Count == 0 || !grain.Equals(Grain) || Interlocked.Exchange(ref _take, 1) != 0)
        {
            return false;
        }

        _taken();
        return true;
    }

    /// <summary>The rows were committed with the state.</summary>
    internal void MarkCommitted() => _committed = true;

    /// <summary>Ends the scope: restores the flow's previous outbox (none, normally).</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly StreamOutbox? _previous;

        internal Scope(StreamOutbox current, StreamOutbox? previous)
        {
            Outbox = current;
            _previous = previous;
        }

        /// <summary>The scope's outbox (whether it was taken, committed).</summary>
        public StreamOutbox Outbox { get; }

        /// <summary>Restores the previous outbox.</summary>
        public void Dispose() => Ambient.Value = _previous;
    }
}

/// <summary>One event of a <see cref="StreamOutbox"/> and the stream it goes to.</summary>
/// <param name="Stream">The stream (its id picks the queue, as the provider's publish does).</param>
/// <param name="Event">The event (serialized with the queue's batch container).</param>
public readonly record struct StreamOutboxEvent(StreamId Stream, object Event);
