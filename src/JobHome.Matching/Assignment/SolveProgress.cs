namespace JobHome.Matching.Assignment;

/// <summary>Progress of a solve: <paramref name="Done"/> of <paramref name="Total"/> units in <paramref name="Phase"/>.</summary>
/// <param name="Phase">Name of the running phase.</param>
/// <param name="Done">Units finished.</param>
/// <param name="Total">Units in the phase.</param>
public readonly record struct SolveProgress(string Phase, long Done, long Total);
