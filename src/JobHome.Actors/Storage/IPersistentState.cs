namespace JobHome.Actors.Storage;

/// <summary>A named, durable state of a grain: read on activation, written explicitly, guarded by an ETag.</summary>
/// <typeparam name="TState">The state class (a small mutable class with a parameterless constructor).</typeparam>
public interface IPersistentState<TState>
{
    /// <summary>The in-memory state; mutate it, then call <see cref="WriteStateAsync"/>.</summary>
    TState State { get; set; }

    /// <summary>ETag of the stored version this activation last read or wrote; null when none is stored.</summary>
    string? Etag { get; }

    /// <summary>True when a stored record exists.</summary>
    bool RecordExists { get; }

    /// <summary>Re-reads the state from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state if storage still holds the version last seen; otherwise throws <see cref="InconsistentStateException"/>.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored state (ETag-guarded) and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
