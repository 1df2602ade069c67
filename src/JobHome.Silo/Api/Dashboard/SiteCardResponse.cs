namespace JobHome.Silo.Api.Dashboard;

/// <summary>
/// The site card: kind, service level (1–4, null below level 4) with what is missing for the next level, the checklist
/// verdict and the kind's service catalogue.
/// </summary>
public sealed record SiteCardResponse(
    string Code,
    string Name,
    string Kind,
    int? Level,
    string LevelName,
    CardRequirement[] MissingForNextLevel,
    CardChecklist Checklist,
    CardService[] Services);
