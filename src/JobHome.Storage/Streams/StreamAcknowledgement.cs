using System.Diagnostics.Metrics;
using JobHome.Storage.Sqlite;
using Orleans.Streams;

namespace JobHome.Storage.Streams;

/// <summary>
/// A stream consumer's acknowledgement of the messages of one delivery, carried by the consumer's own state writes. On the
/// embedded store the queue rows of those messages are deleted in the transaction of the last of the next
/// <see cref="Writes"/> state writes made in the scope (<see cref="Begin"/>), and only when none of them failed: the
/// applied change and its acknowledgement commit together or not at all, and the pulling agent's later confirmation of
/// those rows costs no write. Other stores ignore it (the agent confirms as usual).
/// </summary>
/// <remarks>
/// Only for a stream's only subscriber, which must be done with the messages once its writes commit: the rows go for
/// every subscriber. The writes must be queued in the scope's async flow (state writes of the consumer's grain).
/// The caller must name exactly the writes it makes: with fewer named, an earlier write deletes the rows and a crash
/// before the remaining writes loses their changes; with more, nothing is acknowledged. <see cref="Scope.Dispose"/>
/// checks it once a write joined (no write joins on other stores) and none failed: a mismatch is counted
/// (<see cref="MismatchesName"/>) and, in Debug builds, throws <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed class StreamAcknowledgement
{
    /// <summary>The counter of scopes whose joined writes differed from the writes they named (a bug in the caller).</summary>
    public const string MismatchesName = "jobhome.storage.stream_acknowledgement_mismatches";

    private static readonly AsyncLocal<StreamAcknowledgement?> Ambient = new();
    private static readonly Meter Meter = new(SqliteMetrics.MeterName);
    private static readonly Counter<long> Mismatches = Meter.CreateCounter<long>(MismatchesName, "{scope}",
        "Stream acknowledgement scopes whose state writes differed in number from the writes they named");
    private readonly long[] _messageIds;
    private int _joined;
    private volatile bool _failed;
    private volatile bool _committed;

    private StreamAcknowledgement(long[] messageIds, int writes)
    {
        _messageIds = messageIds;
        Writes = writes;
    }

    /// <summary>The acknowledgement of the current async flow, if a scope is open.</summary>
    public static StreamAcknowledgement? Current => Ambient.Value;

    /// <summary>How many state writes of the scope carry it; the last of them deletes the rows.</summary>
    public int Writes { get; }

    /// <summary>True once the rows were deleted with the last write's commit (tests and metrics).</summary>
    public bool Committed => _committed;

    /// <summary>The queue message ids (the tokens' sequence numbers) of the delivery.</summary>
    internal IReadOnlyList<long> MessageIds => _messageIds;

    /// <summary>True when one of the scope's writes failed or was refused: the rows are left to the agent's confirmation.</summary>
    internal bool Failed => _failed;

    /// <summary>
    /// Opens a scope: the next <paramref name="writes"/> state writes of this async flow acknowledge the messages with
    /// <paramref name="tokens"/>. Dispose it right after those writes (before any other write of the flow).
    /// </summary>
    public static Scope Begin(IEnumerable<StreamSequenceToken> tokens, int writes)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(writes, 1);
        // A provider without tokens gives nothing to delete (the agent confirms as usual).
        var ids = tokens.OfType<StreamSequenceToken>().Select(t => t.SequenceNumber).Distinct().ToArray();
        var previous = Ambient.Value;
        var current = new StreamAcknowledgement(ids, writes);
        Ambient.Value = current;
        return new Scope(current, previous);
    }

    /// <summary>Called when a write of the scope is queued; true for the last one, which carries the deletes.</summary>
    internal bool Join() => Interlocked.Increment(ref _joined) == Writes;

    /// <summary>A write of the scope failed or was refused (stale ETag): nothing is acknowledged.</summary>
    internal void Fail() => _failed = true;

    /// <summary>The rows were deleted in a committed transaction.</summary>
    internal void MarkCommitted() => _committed = true;

    // Joined writes differing from the named ones once one joined (none join on other stores) and none failed (a failed
    // write may stop its caller before the rest).
    private void CheckWrites()
    {
        var joined = Volatile.Read(ref _joined);
        if (joined == 0 || joined == Writes || _failed)
        {
            return;
        }

        Mismatches.Add(1);
#if DEBUG
        throw new InvalidOperationException(
            $"A stream acknowledgement scope named {Writes} state writes and {joined} joined it: name exactly the writes made.");
#endif
    }

    /// <summary>Ends the scope: restores the flow's previous acknowledgement (none, normally).</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly StreamAcknowledgement? _current;
        private readonly StreamAcknowledgement? _previous;

        internal Scope(StreamAcknowledgement current, StreamAcknowledgement? previous)
        {
            _current = current;
            _previous = previous;
        }

        /// <summary>
        /// Restores the previous acknowledgement, then checks the scope's writes against the number it named (counted,
        /// and thrown in Debug builds, on a mismatch). Call it once the writes are queued (after awaiting them, normally).
        /// </summary>
        public void Dispose()
        {
            Ambient.Value = _previous;
            _current?.CheckWrites();
        }
    }
}
