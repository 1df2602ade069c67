namespace JobHome.Cli.Fair;

/// <summary>An assignment as the solver returned it.</summary>
/// <param name="PostOfSeeker">Post index per seeker, -1 for none.</param>
/// <param name="TotalScoreMicro">The solver's total in micro-points.</param>
internal sealed record FairSolution(int[] PostOfSeeker, long TotalScoreMicro);
