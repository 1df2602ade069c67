namespace JobHome.Storage.Startup;

/// <summary>
/// The store cannot be used at start-up. The message is for an operator: it names the host, port and database (or the
/// file), says what went wrong and what to check, and never contains a password.
/// </summary>
public sealed class StorageStartupException(string message, Exception? innerException = null)
    : Exception(message, innerException);
