namespace JobHome.Silo.Api.Fairs;

/// <summary>
/// The result of a finished fair: valid seekers and posts read, openings offered, offers made (one per seeker at most),
/// their mean score (null with no offer), the settings and the run time in seconds. Offers are not placements.
/// </summary>
public sealed record FairSummaryResponse(int Seekers, int Posts, long Openings, int Offers, double? MeanScore, string Objective,
    string Mode, double Seconds);
