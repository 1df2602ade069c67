using System.Diagnostics;
using JobHome.Actors.Serialization;

namespace JobHome.Actors.Storage;

/// <summary>The runtime's <see cref="IPersistentState{TState}"/>: serialises with the silo serializer, stores through <see cref="IGrainStorage"/>.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IPersistentStateLoader
{
    private readonly GrainStateKey _key;
    private readonly IGrainStorage _storage;
    private readonly GrainSerializer _serializer;

    public PersistentState(GrainStateKey key, IGrainStorage storage, GrainSerializer serializer)
    {
        _key = key;
        _storage = storage;
        _serializer = serializer;
        State = Activator.CreateInstance<TState>();
    }

    public TState State { get; set; }

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var record = await _storage.ReadAsync(_key, cancellationToken).ConfigureAwait(true);
        _serializer.Metrics.RecordStorage("read", started);
        if (record is null)
        {
            State = Activator.CreateInstance<TState>();
            Etag = null;
            RecordExists = false;
            return;
        }

        State = _serializer.Deserialize<TState>(record.Payload);
        Etag = record.Etag;
        RecordExists = true;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var payload = _serializer.Serialize(State);
        var started = Stopwatch.GetTimestamp();
        Etag = await _storage.WriteAsync(_key, payload, Etag, cancellationToken).ConfigureAwait(true);
        _serializer.Metrics.RecordStorage("write", started);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await _storage.ClearAsync(_key, Etag, cancellationToken).ConfigureAwait(true);
        _serializer.Metrics.RecordStorage("clear", started);
        State = Activator.CreateInstance<TState>();
        Etag = null;
        RecordExists = false;
    }
}
