using JobHome.Domain.Sites;

namespace JobHome.Domain.Levels;

/// <summary>What a level assessment looks at: services provided, staff and equipment of one site.</summary>
public sealed record SiteFacts(
    SiteKind Kind,
    ServiceCapability Services,
    StaffCounts Staff,
    bool HasServiceWindow,
    bool HasComputer,
    bool HasServiceSpace,
    bool HasAssessmentEquipment);
