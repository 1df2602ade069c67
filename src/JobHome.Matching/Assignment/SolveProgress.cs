namespace JobHome.Matching.Assignment;

/// <summary>Progress of a fair solve: the phase's name and how much of it is done.</summary>
public readonly record struct SolveProgress(string Phase, long Done, long Total);
