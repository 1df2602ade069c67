using System.CommandLine;
using JobHome.Storage.Startup;

namespace JobHome.Cli.Db;

/// <summary>
/// <c>jobhome db migrate --connection CS</c>: applies this build's PostgreSQL schema (idempotent; safe while other
/// migrators or silos start). Run it with a role allowed to change the schema.
/// </summary>
internal static class DbMigrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var connection = new Option<string?>("--connection")
        {
            Description = "PostgreSQL connection string of a role allowed to change the schema (Host=…;Database=…;Username=…;Password=…)",
        };
        var command = new Command("migrate", "Apply the PostgreSQL schema this build needs (missing scripts only; a no-op when current)");
        command.Options.Add(connection);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var connectionString = parseResult.GetValue(connection);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                await error.WriteLineAsync("jobhome db migrate: --connection CS is required");
                return ExitCodes.Usage;
            }

            try
            {
                var result = await StorageStartup.MigratePostgresAsync(connectionString, null, cancellationToken);
                await output.WriteLineAsync(result.Applied.Count == 0
                    ? $"schema is current (version {result.ToVersion}); nothing applied"
                    : $"schema migrated from version {result.FromVersion} to {result.ToVersion}: "
                      + string.Join(", ", result.Applied.Select(s => $"{s.Version:D4}_{s.Name}")));
                return ExitCodes.Ok;
            }
            catch (StorageStartupException e)
            {
                await error.WriteLineAsync($"jobhome db migrate: {e.Message}");
                return DbExitCodes.DatabaseUnavailable;
            }
            catch (OperationCanceledException)
            {
                await error.WriteLineAsync("jobhome db migrate: cancelled (已取消); the transaction was rolled back");
                return ExitCodes.Cancelled;
            }
        });
        return command;
    }
}
