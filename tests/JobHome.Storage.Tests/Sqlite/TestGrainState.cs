using Orleans;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>A minimal <see cref="IGrainState{T}"/> for calling grain storage directly.</summary>
internal sealed class TestGrainState<T> : IGrainState<T>
    where T : new()
{
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public T State { get; set; } = new();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
