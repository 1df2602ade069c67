using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using JobHome.Tests.Shared;

namespace JobHome.Benchmarks.Dashboard;

/// <summary>
/// The real silo (<c>JobHome.Silo.dll</c>, built next to the benchmarks) as a child process on a fresh data folder,
/// with the Xinfeng demo loaded on its first start and an admin password generated for this run; killed and its
/// folder deleted on dispose.
/// </summary>
internal sealed class DemoSilo : IDisposable
{
    /// <summary>The log line the silo writes once the demo is in (ImportLog, event 1103).</summary>
    public const string LoadedLine = "Demo: Xinfeng County loaded";

    /// <summary>Ports as <c>http,silo,gateway</c> (e.g. <c>18850,11850,30850</c>); free ports when unset.</summary>
    public const string PortsVariable = "JOBHOME_BENCH_DASHBOARD_PORTS";

    /// <summary>Folder under which the run's data folder is made; the system's temp folder when unset.</summary>
    public const string DataVariable = "JOBHOME_BENCH_DATA";

    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LoadDeadline = TimeSpan.FromMinutes(5);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _root;

    private DemoSilo(Process process, string root, Uri baseAddress, string adminPassword)
    {
        _process = process;
        _root = root;
        BaseAddress = baseAddress;
        AdminPassword = adminPassword;
    }

    /// <summary>Where the silo serves HTTP.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The admin password generated for this run (given to the child in its environment, never on its command line).</summary>
    public string AdminPassword { get; }

    /// <summary>Starts the silo and returns once it answers <c>/health/ready</c> and has written <see cref="LoadedLine"/>.</summary>
    public static async Task<DemoSilo> StartAsync()
    {
        var siloDll = Path.Combine(AppContext.BaseDirectory, "JobHome.Silo.dll");
        if (!File.Exists(siloDll))
        {
            throw new InvalidOperationException($"{siloDll} is missing: build benchmarks/JobHome.Benchmarks (it references the silo).");
        }

        var ports = Ports();
        var root = Path.Combine(Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } data ? data : Path.GetTempPath(),
            $"jobhome-bench-dashboard-{Guid.NewGuid():N}");
        var baseAddress = new Uri($"http://127.0.0.1:{ports[0]}");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };

        // The runner's own ASP.NET and JobHome settings must not reach the child: it is configured by its arguments alone.
        foreach (var name in info.Environment.Keys
            .Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("JobHome__", StringComparison.OrdinalIgnoreCase)
                || k is "DOTNET_ENVIRONMENT" or "ConnectionStrings__JobHome")
            .ToList())
        {
            info.Environment.Remove(name);
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        info.Environment["JobHome__AdminPassword"] = password;
        info.ArgumentList.Add(siloDll);
        foreach (var argument in new[]
        {
            "--data", Path.Combine(root, "data"), "--urls", baseAddress.ToString().TrimEnd('/'),
            $"--JobHome:SiloPort={ports[1]}", $"--JobHome:GatewayPort={ports[2]}",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var silo = new DemoSilo(process, root, baseAddress, password);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        Directory.CreateDirectory(root);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo.WaitUntilReadyAsync();
            await silo.WaitForOutputAsync(LoadedLine, LoadDeadline);
            return silo;
        }
        catch
        {
            silo.Dispose();
            throw;
        }
    }

    /// <summary>What the child wrote so far, for failure messages.</summary>
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

    /// <inheritdoc />
    public void Dispose()
    {
        ChildProcesses.KillAndDispose(_process);
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static int[] Ports()
    {
        if (Environment.GetEnvironmentVariable(PortsVariable) is not { Length: > 0 } text)
        {
            return FreePorts.Take(3);
        }

        var ports = text.Split(',', StringSplitOptions.TrimEntries);
        return ports.Length == 3 && ports.All(p => int.TryParse(p, out var n) && n is > 0 and < 65536)
            ? [.. ports.Select(int.Parse)]
            : throw new InvalidOperationException(
                $"{PortsVariable}='{text}': expected three ports 'http,silo,gateway', e.g. 18850,11850,30850.");
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        var last = "no answer yet";
        while (watch.Elapsed < ReadyDeadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it was ready.\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"The silo was not ready within {ReadyDeadline} (last answer: {last}).\n{Output}");
    }

    private async Task WaitForOutputAsync(string line, TimeSpan deadline)
    {
        var watch = Stopwatch.StartNew();
        while (!Output.Contains(line, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before '{line}'.\n{Output}");
            }

            if (watch.Elapsed > deadline)
            {
                throw new TimeoutException($"The silo did not write '{line}' within {deadline}.\n{Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
