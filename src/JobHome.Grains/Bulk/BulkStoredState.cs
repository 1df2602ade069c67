namespace JobHome.Grains.Bulk;

/// <summary>A record's state as read from or written to grain storage by the bulk import (never null once read).</summary>
internal sealed class BulkStoredState<T>(T state) : IGrainState<T>
    where T : class, new()
{
    private T _state = state;

    /// <inheritdoc />
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public T State
    {
        get => _state;
        set => _state = value ?? new T();
    }

    /// <inheritdoc />
    public string? ETag { get; set; }

    /// <inheritdoc />
    public bool RecordExists { get; set; }
}
