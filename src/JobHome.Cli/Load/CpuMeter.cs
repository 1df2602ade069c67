using System.Diagnostics;

namespace JobHome.Cli.Load;

/// <summary>
/// CPU time (user + system) a process used since the meter was (re)started: this process, or a silo on the same machine
/// by process id (read by the runtime from <c>/proc/PID/stat</c> on Linux).
/// </summary>
internal sealed class CpuMeter : IDisposable
{
    private readonly Process _process;
    private TimeSpan _start;

    private CpuMeter(Process process)
    {
        _process = process;
        _start = Read();
    }

    /// <summary>The process id measured.</summary>
    public int ProcessId => _process.Id;

    /// <summary>CPU time used since the last <see cref="Restart"/> (or creation).</summary>
    public TimeSpan Elapsed => Read() - _start;

    /// <summary>
    /// <see cref="Elapsed"/>, or null when the process can no longer be read (it exited or restarted during the run),
    /// so the rest of the report is still printed.
    /// </summary>
    public TimeSpan? TryElapsed()
    {
        try
        {
            return Elapsed;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>A meter of the current process.</summary>
    public static CpuMeter OfThisProcess() => new(Process.GetCurrentProcess());

    /// <summary>A meter of process <paramref name="pid"/>, or null with <paramref name="problem"/> when it cannot be read.</summary>
    public static CpuMeter? OfProcess(int pid, out string? problem)
    {
        problem = null;
        try
        {
            return new CpuMeter(Process.GetProcessById(pid));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception
            or NotSupportedException)
        {
            problem = $"--silo-pid {pid}: no process of that id can be read on this machine ({e.Message})";
            return null;
        }
    }

    /// <summary>Starts measuring from now.</summary>
    public void Restart() => _start = Read();

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();

    private TimeSpan Read()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }
}
