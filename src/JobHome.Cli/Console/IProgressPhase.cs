namespace JobHome.Cli.Console;

/// <summary>A running phase; reports are synchronous and cheap, and may come from any thread.</summary>
internal interface IProgressPhase : IDisposable
{
    /// <summary>Sets the number of steps done so far.</summary>
    void Report(long done);
}
