namespace JobHome.Actors;

/// <summary>A call would wait forever: its target is a non-reentrant grain already waiting, further up the call chain, for this call.</summary>
public sealed class DeadlockException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public DeadlockException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DeadlockException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public DeadlockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
