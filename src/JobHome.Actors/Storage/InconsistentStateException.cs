namespace JobHome.Actors.Storage;

/// <summary>A conditional state write or clear found a different ETag than the writer expected (another writer won).</summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InconsistentStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming the ETags involved.</summary>
    public InconsistentStateException(string message, string? storedEtag, string? expectedEtag)
        : base(message)
    {
        StoredEtag = storedEtag;
        ExpectedEtag = expectedEtag;
    }

    /// <summary>The ETag in storage, null when no row exists.</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the writer expected.</summary>
    public string? ExpectedEtag { get; }
}
