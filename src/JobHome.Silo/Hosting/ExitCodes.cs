namespace JobHome.Silo.Hosting;

/// <summary>Process exit codes of the silo host (documented in docs/silo.md).</summary>
internal static class ExitCodes
{
    /// <summary>Stopped normally (Ctrl+C, SIGTERM).</summary>
    public const int Ok = 0;

    /// <summary>The host failed while starting or running (for example an HTTP or silo port already in use).</summary>
    public const int HostFailed = 1;

    /// <summary>A configuration value is invalid.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>The store cannot be used (unreachable, refused sign-in, unreadable file, schema).</summary>
    public const int StorageUnavailable = 3;

    /// <summary>Stopped by Ctrl+C or SIGTERM before the host had finished starting (or a stop was cut short).</summary>
    public const int Interrupted = 130;
}
