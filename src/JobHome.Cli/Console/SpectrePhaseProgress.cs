using Spectre.Console;

namespace JobHome.Cli.Console;

/// <summary>Progress bars on a terminal, one per phase, inside a running Spectre.Console progress display.</summary>
internal sealed class SpectrePhaseProgress(ProgressContext context) : IPhaseProgress
{
    private readonly ProgressContext _context = context;

    /// <summary>Runs <paramref name="body"/> with progress bars drawn on standard error.</summary>
    public static async Task<T> RunAsync<T>(Func<IPhaseProgress, Task<T>> body)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(ctx => body(new SpectrePhaseProgress(ctx)))
            .ConfigureAwait(false);
    }

    /// <summary>True when standard error is an interactive terminal that can draw progress bars.</summary>
    public static bool IsAvailable => !System.Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    /// <inheritdoc />
    public ProgressPhase Start(string name, long total)
    {
        var task = _context.AddTask(name, autoStart: true, maxValue: Math.Max(1, total));
        return new ProgressPhase(done => task.Value = done, () =>
        {
            task.Value = task.MaxValue;
            task.StopTask();
        });
    }
}
