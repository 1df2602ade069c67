using System.Diagnostics;
using System.Globalization;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;
using Host = JobHome.Storage.SqliteHost.Program;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// A real child process writes grain state through the group-commit writer and acknowledges each write on stdout; it is
/// SIGKILLed mid-stream and the test reopens the file: every acknowledged write must be there, whatever
/// <c>synchronous</c> level (with WAL, process death loses nothing committed; only an OS crash could differ).
/// </summary>
public sealed class SqliteKillTests : IDisposable
{
    private const int Writers = 32;
    private const int AcknowledgementsBeforeKill = 3000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly SqliteTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Theory]
    [InlineData(SqliteSynchronous.Normal)]
    [InlineData(SqliteSynchronous.Full)]
    public async Task WriteStateAsync_ProcessKilledWithSigkill_NothingAcknowledgedIsLost(SqliteSynchronous synchronous)
    {
        var acknowledged = new long[Writers];
        var count = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new List<string>();
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JobHome.Storage.SqliteHost.dll"));
        info.ArgumentList.Add(_file.Path);
        info.ArgumentList.Add(synchronous.ToString());
        info.ArgumentList.Add(Writers.ToString(CultureInfo.InvariantCulture));
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null || !e.Data.StartsWith("ACK ", StringComparison.Ordinal))
            {
                return;
            }

            var parts = e.Data.Split(' ');
            var writer = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var value = long.Parse(parts[2], CultureInfo.InvariantCulture);
            lock (acknowledged)
            {
                acknowledged[writer] = Math.Max(acknowledged[writer], value);
                if (++count >= AcknowledgementsBeforeKill)
                {
                    enough.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.Add(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await enough.Task.WaitAsync(Deadline);
        process.Kill(); // SIGKILL on Unix: no finalizers, no flush, no checkpoint.
        await process.WaitForExitAsync().WaitAsync(Deadline); // also drains the acknowledgements still in the pipe

        Assert.Empty(errors);
        Assert.Equal(137, process.ExitCode); // 128 + SIGKILL
        await using var store = _file.OpenStore();
        var storage = new SqliteGrainStorage("Default", store, Host.CreateSerializer());
        var lost = new List<string>();
        for (var w = 0; w < Writers; w++)
        {
            var state = new TestGrainState<long>();
            await storage.ReadStateAsync(Host.StateName, Host.Grain(w), state);
            // At most one write per writer was in flight: committed but not yet acknowledged is allowed, lost is not.
            if (state.State < acknowledged[w] || state.State > acknowledged[w] + 1)
            {
                lost.Add($"writer {w}: acknowledged {acknowledged[w]}, stored {state.State}");
            }
        }

        Assert.True(count >= AcknowledgementsBeforeKill);
        Assert.Empty(lost);
    }
}
