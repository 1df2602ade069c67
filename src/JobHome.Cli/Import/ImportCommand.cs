using System.CommandLine;
using System.Globalization;
using JobHome.Cli.Console;
using JobHome.Cli.Http;

namespace JobHome.Cli.Import;

/// <summary>
/// <c>jobhome import --url URL --dir DIR</c>: bulk-loads a folder in the demo formats (the output of <c>jobhome demo</c> or
/// a ledger in the same formats) into a running silo through <c>POST /api/import/*</c>, with a progress display;
/// rejected rows go to a rejects file as they come (flushed per batch). Re-running it after a failure or an interruption
/// skips what is already there.
/// </summary>
internal static class ImportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var api = new ApiOptions();
        var dir = new Option<DirectoryInfo>("--dir")
        {
            Description = "Folder with sites.csv, employers.csv, seekers.csv, people.csv, households.csv, posts.csv",
            Required = true,
        };
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Rejects file to write. Default: DIR/rejects.csv" };
        var batch = new Option<int>("--batch") { Description = "Records per request, 1–2000. Default: 1000", DefaultValueFactory = _ => 1000 }
            .Between(1, 2000);
        var parallel = new Option<int>("--parallel")
        {
            Description = "Requests in flight at once, 1–64. Default: 4",
            DefaultValueFactory = _ => 4,
        }.Between(1, 64);
        var perRecord = new Option<bool>("--per-record")
        {
            Description = "Send seekers, households and posts through the per-record endpoints (every record through its grain "
                + "with its live work: events, post lists) instead of the bulk ones. Default: bulk",
        };
        var command = new Command("import", "Bulk-load demo files or a ledger in the same formats into a running silo");
        api.AddTo(command);
        command.Options.Add(dir);
        command.Options.Add(rejects);
        command.Options.Add(batch);
        command.Options.Add(parallel);
        command.Options.Add(perRecord);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var batchSize = parseResult.GetValue(batch);
            var inFlight = parseResult.GetValue(parallel);
            var problems = new List<string>();
            using var client = api.CreateClient(parseResult, out var clientProblem);
            if (clientProblem is not null)
            {
                problems.Add(clientProblem);
            }
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"jobhome import: {problem}");
            }
            if (problems.Count > 0)
            {
                return ExitCodes.Usage;
            }
            var directory = parseResult.GetValue(dir)!.FullName;
            var rejectsPath = parseResult.GetValue(rejects)?.FullName ?? Path.Combine(directory, "rejects.csv");
            return await CommandRun.WithProgressAsync(parseResult, (progress, output, err) =>
                Run(directory, rejectsPath, file => new ImportRunner(client!, directory, batchSize, inFlight, progress, file,
                    parseResult.GetValue(perRecord)), output, err, cancellationToken));
        });
        return command;
    }

    private static int Run(string directory, string rejectsPath, Func<ImportRejectsFile, ImportRunner> create, TextWriter output,
        TextWriter error, CancellationToken cancellationToken)
    {
        ImportRejectsFile rejects;
        try
        {
            ImportRunner.CheckFiles(directory);
            rejects = ImportRejectsFile.Create(rejectsPath);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or System.Text.DecoderFallbackException)
        {
            error.WriteLine($"jobhome import: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"jobhome import: cannot write {rejectsPath}: {e.Message}");
            return ExitCodes.OutputFailed;
        }
        using (rejects)
        {
            return Run(create(rejects), rejects, output, error, cancellationToken);
        }
    }

    private static int Run(ImportRunner runner, ImportRejectsFile rejects, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<ImportRunner.FileTotals> totals;
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            totals = runner.RunAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (ApiException e)
        {
            error.WriteLine($"jobhome import: {e.Message}");
            error.WriteLine("jobhome import: what was sent before stays; run the same command again to finish (existing records are skipped)");
            error.WriteLine($"jobhome import: rejects so far ({rejects.Count:N0}) are in {rejects.Path}");
            return ExitCodes.ServerFailed;
        }
        catch (IOException e)
        {
            error.WriteLine($"jobhome import: cannot write {rejects.Path}: {e.Message}");
            return ExitCodes.OutputFailed;
        }
        output.WriteLine("import summary (批量导入结果)");
        output.WriteLine("  file              rows   created  existing  rejected    time     rows/s");
        foreach (var t in totals)
        {
            var rate = t.Time.TotalSeconds > 0 ? t.Rows / t.Time.TotalSeconds : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {t.File,-15} {t.Rows,8:N0} {t.Created,9:N0} {t.Existing,9:N0} {t.Rejected,9:N0} {t.Time.TotalSeconds,6:0.0} s {rate,9:N0}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  total time {started.Elapsed.TotalSeconds:0.0} s; rejects: {rejects.Count:N0} problems in {rejects.Path}"));
        return ExitCodes.Ok;
    }
}
