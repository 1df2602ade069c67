using JobHome.Matching.Assignment;

namespace JobHome.Fair;

/// <summary>Matching settings of one <c>fair match</c> run, as given on the command line.</summary>
/// <param name="Objective">What the assignment maximises. Default: <see cref="FairObjective.Score"/>.</param>
/// <param name="Mode">Optimal or seeker-proposing stable. Default: <see cref="FairMode.Optimal"/>.</param>
/// <param name="Top">Candidate posts kept per seeker; 0 keeps every eligible pair. Default: 50.</param>
/// <param name="MaxKm">Commuting limit in km. Default: 15.</param>
/// <param name="AsOf">Reference date for ages. Default: today (UTC).</param>
internal sealed record FairSettings(FairObjective Objective, FairMode Mode, int Top, double MaxKm, DateOnly AsOf);
