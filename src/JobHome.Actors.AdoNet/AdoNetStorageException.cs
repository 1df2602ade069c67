namespace JobHome.Actors.AdoNet;

/// <summary>The database is unreachable or unusable (wrong address, credentials, file, or a schema newer than this build).</summary>
public sealed class AdoNetStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AdoNetStorageException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AdoNetStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public AdoNetStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
