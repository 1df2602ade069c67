using System.CommandLine;

namespace JobHome.Cli.Console;

/// <summary>Runs a command body with the right progress display and turns failures into exit codes.</summary>
internal static class CommandRun
{
    /// <summary>
    /// Runs <paramref name="body"/> with Spectre.Console progress bars when standard error is a terminal and
    /// the command writes to the real console, otherwise with plain progress lines on the error writer.
    /// </summary>
    public static async Task<int> WithProgressAsync(ParseResult parseResult, Func<IPhaseProgress, TextWriter, TextWriter, int> body)
    {
        var config = parseResult.InvocationConfiguration;
        var output = config.Output;
        var error = config.Error;
        try
        {
            if (ReferenceEquals(error, System.Console.Error) && SpectrePhaseProgress.IsAvailable)
            {
                return await SpectrePhaseProgress.RunAsync(progress => Task.Run(() => body(progress, output, error))).ConfigureAwait(false);
            }
            var plain = new PlainPhaseProgress(error);
            return await Task.Run(() => body(plain, output, error)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("cancelled (已取消); nothing was written").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            await error.WriteLineAsync($"internal error (内部错误): {ex.Message}; nothing was written").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }
}
