using System.CommandLine;
using Microsoft.Data.Sqlite;

namespace JobHome.Cli.Db;

/// <summary>
/// <c>jobhome db backup --data DIR --out FILE</c>: online copy of the embedded database (a running silo may keep
/// writing).
/// </summary>
internal static class DbBackupCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "The silo's data folder (holds jobhome.db)" };
        var output = new Option<FileInfo?>("--out") { Description = "Backup file to write (replaced atomically when complete)" };
        var command = new Command("backup", "Copy the embedded database with SQLite's online backup; safe while a silo runs");
        command.Options.Add(data);
        command.Options.Add(output);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var dir = parseResult.GetValue(data);
            var file = parseResult.GetValue(output);
            if (dir is null || file is null)
            {
                error.WriteLine("jobhome db backup: --data DIR and --out FILE are required");
                return Task.FromResult(ExitCodes.Usage);
            }

            var source = EmbeddedDatabase.PathIn(dir.FullName);
            if (!File.Exists(source))
            {
                error.WriteLine($"jobhome db backup: no embedded database at {source}");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            if (string.Equals(Path.GetFullPath(file.FullName), source, StringComparison.Ordinal))
            {
                error.WriteLine("jobhome db backup: --out must not be the database itself");
                return Task.FromResult(ExitCodes.Usage);
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                EmbeddedDatabase.Backup(source, file.FullName);
            }
            catch (SqliteException e)
            {
                error.WriteLine($"jobhome db backup: cannot back up {source}: {e.Message}");
                return Task.FromResult(ExitCodes.InvalidInput);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"jobhome db backup: cannot write {file.FullName}: {e.Message}");
                return Task.FromResult(ExitCodes.OutputFailed);
            }

            parseResult.InvocationConfiguration.Output.WriteLine(
                $"backed up {source} to {file.FullName} ({new FileInfo(file.FullName).Length} bytes)");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
