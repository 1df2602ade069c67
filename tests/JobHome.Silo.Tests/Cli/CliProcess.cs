using System.Diagnostics;

namespace JobHome.Silo.Tests.Cli;

/// <summary>Runs the built <c>jobhome</c> command line (copied beside the tests) as a child process.</summary>
internal static class CliProcess
{
    /// <summary>The exit code and both outputs of one run.</summary>
    public sealed record Result(int Exit, string Output, string Error)
    {
        /// <summary>Both outputs, for failure messages.</summary>
        public override string ToString() => $"exit {Exit}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
    }

    /// <summary>Runs <c>jobhome</c> with <paramref name="args"/>; fails after <paramref name="deadline"/>.</summary>
    public static async Task<Result> RunAsync(TimeSpan deadline, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "jobhome.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment.Remove("JOBHOME_TOKEN");
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start jobhome");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"jobhome {string.Join(' ', args)} did not finish within {deadline.TotalSeconds} s");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
