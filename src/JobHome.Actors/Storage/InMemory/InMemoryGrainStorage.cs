using System.Globalization;

namespace JobHome.Actors.Storage.InMemory;

/// <summary>Process-memory <see cref="IGrainStorage"/> for unit tests: same ETag contract as the database providers.</summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainStateKey, GrainStateRecord> _rows = [];
    private long _version;

    /// <summary>Number of stored states.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _rows.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            // Hand out a copy so that callers can never mutate the stored payload.
            return Task.FromResult(_rows.TryGetValue(key, out var row) ? row with { Payload = [.. row.Payload] } : null);
        }
    }

    /// <inheritdoc />
    public Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var stored = _rows.TryGetValue(key, out var row) ? row.Etag : null;
            if (!string.Equals(stored, expectedEtag, StringComparison.Ordinal))
            {
                return Task.FromException<string>(new InconsistentStateException(
                    $"ETag mismatch writing {key.GrainType}/{key.GrainId}/{key.StateName}: stored {stored ?? "(none)"}, expected {expectedEtag ?? "(none)"}.",
                    stored,
                    expectedEtag));
            }

            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _rows[key] = new GrainStateRecord(payload.ToArray(), etag);
            return Task.FromResult(etag);
        }
    }

    /// <inheritdoc />
    public Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var stored = _rows.TryGetValue(key, out var row) ? row.Etag : null;
            if (!string.Equals(stored, expectedEtag, StringComparison.Ordinal))
            {
                return Task.FromException(new InconsistentStateException(
                    $"ETag mismatch clearing {key.GrainType}/{key.GrainId}/{key.StateName}: stored {stored ?? "(none)"}, expected {expectedEtag ?? "(none)"}.",
                    stored,
                    expectedEtag));
            }

            _rows.Remove(key);
            return Task.CompletedTask;
        }
    }
}
