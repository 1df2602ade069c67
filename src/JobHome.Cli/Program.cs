using System.CommandLine;

namespace JobHome.Cli;

/// <summary>The <c>jobhome</c> command line.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static Task<int> Main(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    /// <summary>Builds the command tree.</summary>
    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("jobhome — JobHome Cluster tools: demo data, fair matching, model training");
        root.Subcommands.Add(Demo.DemoCommand.Create());
        return root;
    }
}
