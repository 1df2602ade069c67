using System.Diagnostics;

namespace JobHome.Tests.Shared;

/// <summary>Ends child processes the tests and benchmarks start (a silo, a CLI) without leaving any behind.</summary>
internal static class ChildProcesses
{
    /// <summary>Kills <paramref name="process"/> and everything it started, waits for the exit, then disposes it.</summary>
    public static void KillAndDispose(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        process.Dispose();
    }
}
