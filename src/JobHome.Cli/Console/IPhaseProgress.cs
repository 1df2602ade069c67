namespace JobHome.Cli.Console;

/// <summary>Shows the progress of a command's phases (read, graph, solve, write).</summary>
internal interface IPhaseProgress
{
    /// <summary>Starts a phase of <paramref name="total"/> steps; dispose the result when the phase ends.</summary>
    ProgressPhase Start(string name, long total);
}
