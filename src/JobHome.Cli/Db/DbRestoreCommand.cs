using System.CommandLine;
using Microsoft.Data.Sqlite;

namespace JobHome.Cli.Db;

/// <summary>
/// <c>jobhome db restore --data DIR --from FILE</c>: replaces the embedded database with a backup; refuses while a
/// silo has it open.
/// </summary>
internal static class DbRestoreCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "The silo's data folder (jobhome.db is replaced or created)" };
        var from = new Option<FileInfo?>("--from") { Description = "Backup file written by 'jobhome db backup'" };
        var command = new Command(
            "restore",
            "Replace the embedded database with a backup; stop the silo first (refused while the file is open)");
        command.Options.Add(data);
        command.Options.Add(from);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var dir = parseResult.GetValue(data);
            var backup = parseResult.GetValue(from);
            if (dir is null || backup is null)
            {
                error.WriteLine("jobhome db restore: --data DIR and --from FILE are required");
                return Task.FromResult(ExitCodes.Usage);
            }

            if (!backup.Exists)
            {
                error.WriteLine($"jobhome db restore: no backup file at {backup.FullName}");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            if (EmbeddedDatabase.Verify(backup.FullName) is { } problem)
            {
                error.WriteLine($"jobhome db restore: {backup.FullName} is not a usable SQLite database: {problem}");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var target = EmbeddedDatabase.PathIn(dir.FullName);
            try
            {
                if (!EmbeddedDatabase.TryRestore(backup.FullName, target))
                {
                    error.WriteLine($"jobhome db restore: {target} is open in another process (a running silo?). "
                        + "Stop it, then restore; nothing was changed.");
                    return Task.FromResult(DbExitCodes.DatabaseInUse);
                }
            }
            catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"jobhome db restore: cannot write {target}: {e.Message}");
                return Task.FromResult(ExitCodes.OutputFailed);
            }

            parseResult.InvocationConfiguration.Output.WriteLine($"restored {target} from {backup.FullName}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
