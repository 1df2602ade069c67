using JobHome.Domain.Levels;

namespace JobHome.Grains.Catalog;

/// <summary>
/// What an assessment of a site recorded (服务分级 and 规范化建设评价): the services it provides, its window, computer,
/// service space and assessment equipment, the checklist items answered yes and no, and the date.
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.site-assessment")]
public sealed record SiteAssessment(
    [property: Id(0)] ServiceCapability Services,
    [property: Id(1)] bool HasServiceWindow,
    [property: Id(2)] bool HasComputer,
    [property: Id(3)] bool HasServiceSpace,
    [property: Id(4)] bool HasAssessmentEquipment,
    [property: Id(5)] string[] ChecklistYes,
    [property: Id(6)] string[] ChecklistNo,
    [property: Id(7)] DateOnly AssessedOn);
