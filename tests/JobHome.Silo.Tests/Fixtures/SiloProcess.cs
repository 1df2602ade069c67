using System.Diagnostics;
using System.Net;
using System.Text;

namespace JobHome.Silo.Tests.Fixtures;

/// <summary>
/// The real silo (<c>JobHome.Silo.dll</c>) running as a child process on free ports and its own data folder; killed
/// on dispose if still running, its folder removed.
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    /// <summary>Environment variables of the test runner that would change the child's configuration.</summary>
    private static readonly string[] ClearedVariables =
        ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ConnectionStrings__JobHome"];

    /// <summary>The admin password every test silo starts with (<c>JobHome__AdminPassword</c>).</summary>
    public const string AdminPassword = "test-admin-password-1";

    /// <summary>
    /// How long a fresh silo may take to become ready (<see cref="WaitUntilReadyAsync()"/>). A silo on an idle machine is
    /// ready within seconds; one starved by parallel test processes on two cores took 49 s to join its own cluster alone,
    /// so this leaves three times that. A silo that hangs fails with its log's tail.
    /// </summary>
    public static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(180);

    /// <summary>How many of the last lines of each stream a readiness failure shows.</summary>
    private const int TailLines = 60;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _sinceStart;
    private readonly HttpClient _http;
    private bool _ownsData = true;
    private bool _signsIn;
    private long _lastLineAt;

    private SiloProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        // Generous: a first request (the OpenAPI document, a page) on a silo sharing 2 cores with the whole suite took
        // over 10 s in a CI run; the tests' own deadlines bound their waits.
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _sinceStart = Stopwatch.StartNew();
    }

    /// <summary>The data folder given with <c>--data</c> (does not exist before the silo starts).</summary>
    public string DataDirectory { get; }

    /// <summary>Where the silo serves HTTP.</summary>
    public Uri BaseAddress { get; }

    /// <summary>An HTTP client on <see cref="BaseAddress"/>.</summary>
    public HttpClient Http => _http;

    /// <summary>Process id of the child.</summary>
    public int Id => _process.Id;

    /// <summary>Everything the child wrote to stdout so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Everything the child wrote to stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the silo with <c>--data</c>, <c>--urls</c>, silo and gateway ports chosen here, then <paramref name="extraArguments"/>.</summary>
    public static SiloProcess Start(params string[] extraArguments) => Start(new Dictionary<string, string>(), extraArguments);

    /// <summary>As <see cref="Start(string[])"/>, with extra environment variables for the child.</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> environment, params string[] extraArguments) =>
        Launch(environment, null, demo: false, extraArguments);

    /// <summary>
    /// Starts the silo on <paramref name="dataDirectory"/> (kept on dispose, so a test can restart on it) without
    /// <c>--no-demo</c> when <paramref name="demo"/> is true: the demo-on-first-start path.
    /// </summary>
    public static SiloProcess StartIn(string dataDirectory, bool demo, params string[] extraArguments) =>
        Launch(new Dictionary<string, string>(), dataDirectory, demo, extraArguments);

    private static SiloProcess Launch(IReadOnlyDictionary<string, string> environment, string? ownDataDirectory, bool demo,
        string[] extraArguments)
    {
        var siloDll = Path.Combine(AppContext.BaseDirectory, "JobHome.Silo.dll");
        if (!File.Exists(siloDll))
        {
            throw new InvalidOperationException($"The silo was not built next to the tests: {siloDll} is missing.");
        }

        var ports = FreePorts.Take(3);
        var dataDirectory = ownDataDirectory ?? Path.Combine(Path.GetTempPath(), $"jobhome-silo-test-{Guid.NewGuid():N}", "data");
        var baseAddress = new Uri($"http://127.0.0.1:{ports[0]}");

        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var name in ClearedVariables)
        {
            info.Environment.Remove(name);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("JobHome__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        // Every test silo starts with a known admin password (a test may override it in environment).
        info.Environment["JobHome__AdminPassword"] = AdminPassword;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(siloDll);
        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(dataDirectory);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        info.ArgumentList.Add($"--JobHome:SiloPort={ports[1]}");
        info.ArgumentList.Add($"--JobHome:GatewayPort={ports[2]}");
        if (!demo)
        {
            // Tests start on an empty database and expect it to stay empty: no Xinfeng demo load.
            info.ArgumentList.Add("--no-demo");
        }
        foreach (var argument in extraArguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var silo = new SiloProcess(process, dataDirectory, baseAddress)
        {
            _ownsData = ownDataDirectory is null,
            _signsIn = !environment.ContainsKey("JobHome__AdminPassword"),
        };
        process.OutputDataReceived += (_, e) => silo.Append(silo._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(silo._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>As <see cref="WaitUntilReadyAsync(TimeSpan)"/> with <see cref="ReadyDeadline"/>.</summary>
    public Task<TimeSpan> WaitUntilReadyAsync() => WaitUntilReadyAsync(ReadyDeadline);

    /// <summary>
    /// Polls <c>/health/ready</c> until it answers 200, then (unless the test chose its own admin password) signs in as
    /// admin; returns the time until ready. Fails on exit or after <paramref name="deadline"/> (from the process start),
    /// with the last answer, how long the silo's log has been silent and the tail of its log.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan deadline)
    {
        var last = "no answer yet";
        while (_sinceStart.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it was ready.\n{DescribeTail()}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var ready = _sinceStart.Elapsed;
                    if (_signsIn)
                    {
                        // Every /api call needs sign-in: Http carries the admin's token from here on.
                        await SignInAsAdminAsync(deadline);
                    }
                    return ready;
                }

                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException)
            {
                // A probe that got no answer within the client's timeout (a starting silo on a busy machine): not ready yet.
                last = $"no answer within {_http.Timeout.TotalSeconds} s";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException($"The silo was not ready within {deadline.TotalSeconds} s (last answer: {last}; "
            + $"its last log line {Silence()}).\n{DescribeTail()}");
    }

    /// <summary>
    /// Signs in as <c>admin</c> (<see cref="AdminPassword"/>) and puts the bearer token on <see cref="Http"/>, so every request
    /// of the tests is authenticated. The admin account is created just after the silo starts serving, so a 401 is retried
    /// until <paramref name="deadline"/>.
    /// </summary>
    public async Task SignInAsAdminAsync(TimeSpan deadline)
    {
        var last = "no answer yet";
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < deadline)
        {
            using var response = await _http.PostAsync(new Uri("/api/auth/token", UriKind.Relative),
                new StringContent($"{{\"username\":\"admin\",\"password\":\"{AdminPassword}\"}}", Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var token = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("accessToken").GetString();
                _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                return;
            }
            last = $"{(int)response.StatusCode}: {text}";
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        throw new TimeoutException($"Could not sign in as admin within {deadline.TotalSeconds} s (last answer: {last}; "
            + $"its last log line {Silence()}).\n{DescribeTail()}");
    }

    /// <summary>Waits for the process to exit and returns its exit code; fails after <paramref name="deadline"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo did not exit within {deadline.TotalSeconds} s.\n{Describe()}");
        }

        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (<c>INT</c>, <c>TERM</c>) to the child.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {_process.Id} failed with code {kill.ExitCode}.");
        }
    }

    /// <summary>Stdout and stderr, for failure messages.</summary>
    public string Describe() => $"--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";

    /// <summary>The last <see cref="TailLines"/> lines of stdout and of stderr, for failure messages.</summary>
    public string DescribeTail() =>
        $"--- stdout (last {TailLines} lines) ---\n{Tail(StandardOutput)}\n--- stderr (last {TailLines} lines) ---\n{Tail(StandardError)}";

    private static string Tail(string text)
    {
        var lines = text.Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - TailLines)));
    }

    // When the child last wrote a line, as "N s ago" (a starved silo still logs its progress; a hung one falls silent).
    private string Silence()
    {
        var last = Interlocked.Read(ref _lastLineAt);
        return last == 0
            ? "never came"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"came {Stopwatch.GetElapsedTime(last).TotalSeconds:F1} s ago");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ChildProcesses.KillAndDispose(_process);
        _http.Dispose();
        var root = Path.GetDirectoryName(DataDirectory)!;
        if (_ownsData && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Exchange(ref _lastLineAt, Stopwatch.GetTimestamp());
        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
