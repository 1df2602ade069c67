namespace JobHome.Cli.Db;

/// <summary>Exit codes of <c>jobhome db</c> beyond the shared <see cref="ExitCodes"/>.</summary>
internal static class DbExitCodes
{
    /// <summary>The database cannot be reached or its schema cannot be applied; nothing was changed.</summary>
    public const int DatabaseUnavailable = 4;

    /// <summary>The embedded database is open in another process (a running silo); nothing was changed.</summary>
    public const int DatabaseInUse = 5;
}
