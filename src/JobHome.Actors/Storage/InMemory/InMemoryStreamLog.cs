using JobHome.Actors.Streams;

namespace JobHome.Actors.Storage.InMemory;

/// <summary>
/// Process-memory <see cref="IStreamLog"/> for unit tests: gap-free per-stream sequences, namespace-wide positions in
/// commit order, checkpoints that never move back, failure counts and dead letters — the database providers' contract.
/// </summary>
public sealed class InMemoryStreamLog : IStreamLog
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, List<StreamEventRecord>> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<StreamId, long> _sequences = [];
    private readonly Dictionary<(string Consumer, string Namespace), long> _checkpoints = [];
    private readonly Dictionary<(string Consumer, string Namespace, long Position), int> _failures = [];
    private readonly Dictionary<string, List<DeadLetterRecord>> _deadLetters = new(StringComparer.Ordinal);
    private long _position;

    /// <summary>Creates the log; <paramref name="time"/> stamps appends (default: the system clock).</summary>
    public InMemoryStreamLog(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        var result = new long[batch.Count];
        lock (_lock)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var append = batch[i];
                var sequence = _sequences.TryGetValue(append.Stream, out var last) ? last + 1 : 1;
                _sequences[append.Stream] = sequence;
                if (!_namespaces.TryGetValue(append.Stream.Namespace, out var events))
                {
                    _namespaces[append.Stream.Namespace] = events = [];
                }

                events.Add(new StreamEventRecord(append.Stream, sequence, ++_position, append.Payload.ToArray(), now));
                result[i] = sequence;
            }
        }

        return Task.FromResult<IReadOnlyList<long>>(result);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StreamEventRecord>> ReadAsync(string streamNamespace, long afterPosition, int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_namespaces.TryGetValue(streamNamespace, out var events) || max <= 0)
            {
                return Task.FromResult<IReadOnlyList<StreamEventRecord>>([]);
            }

            // Positions increase along the list: binary search for the first one after the checkpoint.
            int lo = 0, hi = events.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (events[mid].Position <= afterPosition)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            var count = Math.Min(max, events.Count - lo);
            return Task.FromResult<IReadOnlyList<StreamEventRecord>>(events.GetRange(lo, count));
        }
    }

    /// <inheritdoc />
    public Task<long> GetCheckpointAsync(string consumer, string streamNamespace, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_checkpoints.TryGetValue((consumer, streamNamespace), out var position) ? position : 0L);
        }
    }

    /// <inheritdoc />
    public Task SetCheckpointAsync(string consumer, string streamNamespace, long position, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            AdvanceLocked(consumer, streamNamespace, position);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> RecordFailureAsync(string consumer, StreamEventRecord record, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var key = (consumer, record.Stream.Namespace, record.Position);
            var attempts = _failures.TryGetValue(key, out var n) ? n + 1 : 1;
            _failures[key] = attempts;
            return Task.FromResult(attempts);
        }
    }

    /// <inheritdoc />
    public Task DeadLetterAsync(string consumer, StreamEventRecord record, string error, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_deadLetters.TryGetValue(record.Stream.Namespace, out var letters))
            {
                _deadLetters[record.Stream.Namespace] = letters = [];
            }

            letters.Add(new DeadLetterRecord(consumer, record, error, attempts, _time.GetUtcNow()));
            _failures.Remove((consumer, record.Stream.Namespace, record.Position));
            AdvanceLocked(consumer, record.Stream.Namespace, record.Position);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeadLetterRecord>> ReadDeadLettersAsync(string streamNamespace, int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<DeadLetterRecord> rows = _deadLetters.TryGetValue(streamNamespace, out var letters) ? [.. letters.Take(max)] : [];
            return Task.FromResult(rows);
        }
    }

    private void AdvanceLocked(string consumer, string streamNamespace, long position)
    {
        var key = (consumer, streamNamespace);
        if (!_checkpoints.TryGetValue(key, out var current) || position > current)
        {
            _checkpoints[key] = position;
        }
    }
}
