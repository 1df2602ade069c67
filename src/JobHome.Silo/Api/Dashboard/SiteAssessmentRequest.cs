namespace JobHome.Silo.Api.Dashboard;

/// <summary>
/// An assessment of a site: services provided (tokens of <c>ServiceCapabilityTokens</c>), facilities, checklist answers
/// by item id, and the date (default today).
/// </summary>
public sealed record SiteAssessmentRequest(
    string[]? Services,
    bool? ServiceWindow,
    bool? Computer,
    bool? ServiceSpace,
    bool? AssessmentEquipment,
    Dictionary<string, bool>? Checklist,
    DateOnly? AssessedOn);
