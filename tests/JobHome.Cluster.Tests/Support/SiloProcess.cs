using System.Diagnostics;
using System.Text;

namespace JobHome.Cluster.Tests.Support;

/// <summary>
/// A real silo process (JobHome.Cluster.TestHost) started for a test; killed with SIGKILL on request and always on
/// dispose. Its output is kept for failure messages.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Line, TaskCompletionSource Seen)> _lineWaiters = [];

    private SiloProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The silo's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its gateway port on loopback.</summary>
    public required int GatewayPort { get; init; }

    /// <summary>Everything the process wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts a silo and waits until it reports READY (or fails with its output).</summary>
    public static async Task<SiloProcess> StartAsync(
        string name, IReadOnlyList<string> storageArguments, int siloPort, int gatewayPort, bool fastMembership,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JobHome.Cluster.TestHost.dll"));
        foreach (var argument in storageArguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--name");
        info.ArgumentList.Add(name);
        info.ArgumentList.Add("--silo-port");
        info.ArgumentList.Add(siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--gateway-port");
        info.ArgumentList.Add(gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (fastMembership)
        {
            info.ArgumentList.Add("--fast-membership");
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var silo = new SiloProcess(process) { Name = name, GatewayPort = gatewayPort };
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Exited += (_, _) => silo._ready.TrySetException(
            new InvalidOperationException($"silo {name} exited before it was ready:\n{silo.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo._ready.Task.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
        }
        catch (TimeoutException)
        {
            await silo.DisposeAsync();
            throw new TimeoutException($"silo {name} was not ready within 90 s:\n{silo.Output}");
        }

        return silo;
    }

    /// <summary>Waits until the process writes a line starting with <paramref name="prefix"/> (or fails with its output).</summary>
    public async Task WaitForLineAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Split('\n').Any(line => line.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return;
            }
            _lineWaiters.Add((prefix, seen));
        }
        try
        {
            await seen.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"silo {Name} did not write '{prefix}' within {timeout.TotalSeconds:F0} s:\n{Output}");
        }
    }

    /// <summary>Kills the process with SIGKILL (no cleanup, nothing flushed) and waits for it to go.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var waiter in _lineWaiters.Where(w => line.StartsWith(w.Line, StringComparison.Ordinal)).ToArray())
            {
                waiter.Seen.TrySetResult();
                _lineWaiters.Remove(waiter);
            }
        }

        if (line.StartsWith("READY", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
