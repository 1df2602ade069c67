namespace JobHome.Actors.Storage;

/// <summary>
/// Durable, versioned grain state. A provider stores one opaque payload per <see cref="GrainStateKey"/> with an ETag
/// that changes on every successful write; writes are conditional on the ETag the writer last saw.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the stored state, or null when none exists.</summary>
    Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="payload"/> if the stored ETag equals <paramref name="expectedEtag"/> (null: the row must not
    /// exist yet, including a row that was cleared). Returns the new ETag. Throws <see cref="InconsistentStateException"/>
    /// when the condition fails; of two concurrent first inserts exactly one succeeds.
    /// </summary>
    Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Deletes the state if the stored ETag equals <paramref name="expectedEtag"/>; throws <see cref="InconsistentStateException"/> otherwise.</summary>
    Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken);
}
