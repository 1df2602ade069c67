using System.CommandLine;
using JobHome.Cli.Fair;
using JobHome.Cli.Model;

namespace JobHome.Cli;

/// <summary>The <c>jobhome</c> command line.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static Task<int> Main(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    /// <summary>Builds the command tree.</summary>
    /// <param name="engineFactory">Matching engine for <c>fair match</c>; tests may pass their own.</param>
    internal static RootCommand BuildRoot(Func<string?, IFairEngine>? engineFactory = null)
    {
        var root = new RootCommand("jobhome — JobHome Cluster tools: demo data, fair matching, model training");
        root.Subcommands.Add(Demo.DemoCommand.Create());
        root.Subcommands.Add(FairCommand.Create(engineFactory ?? MatchingFairEngine.Create));
        root.Subcommands.Add(ModelCommand.Create());
        root.Subcommands.Add(Db.DbCommand.Create());
        root.Subcommands.Add(Simulate.SimulateCommand.Create());
        root.Subcommands.Add(Import.ImportCommand.Create());
        root.Subcommands.Add(Users.UsersCommand.Create());
        root.Subcommands.Add(Load.LoadCommand.Create());
        root.Subcommands.Add(Recount.RecountCommand.Create());
        root.Subcommands.Add(Probe.ProbeCommand.Create());
        return root;
    }
}
