using System.CommandLine;

namespace JobHome.Cli.Db;

/// <summary><c>jobhome db</c>: schema migration (PostgreSQL) and online backup and restore of the embedded SQLite file.</summary>
internal static class DbCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("db", "Database operations: migrate the PostgreSQL schema, back up and restore the embedded database");
        command.Subcommands.Add(DbMigrateCommand.Create());
        command.Subcommands.Add(DbBackupCommand.Create());
        command.Subcommands.Add(DbRestoreCommand.Create());
        return command;
    }
}
