namespace JobHome.Cli;

/// <summary>Process exit codes of <c>jobhome</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command line is wrong (unknown option, bad option value).</summary>
    public const int Usage = 1;

    /// <summary>An input file is missing or invalid (CSV rows, header, model file); nothing was written.</summary>
    public const int InvalidInput = 2;

    /// <summary>An output file could not be written; nothing was written.</summary>
    public const int OutputFailed = 3;

    /// <summary>The server (<c>--url</c>) could not be reached, refused the sign-in or failed a request.</summary>
    public const int ServerFailed = 4;

    /// <summary>An unexpected internal error (a bug); nothing was written.</summary>
    public const int InternalError = 70;

    /// <summary>Cancelled (Ctrl+C); nothing was written.</summary>
    public const int Cancelled = 130;
}
