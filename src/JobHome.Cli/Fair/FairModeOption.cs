namespace JobHome.Cli.Fair;

/// <summary>The <c>--mode</c> values.</summary>
internal enum FairModeOption
{
    /// <summary><c>optimal</c>: exact optimum of the objective.</summary>
    Optimal,
    /// <summary><c>stable</c>: seeker-proposing stable assignment.</summary>
    Stable,
}
