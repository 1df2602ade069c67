using JobHome.Domain.People;

namespace JobHome.Grains.People;

/// <summary>
/// One change of a seeker's labour status: the new status, the date it began and why (<see cref="StatusCauses"/>:
/// registration, placement, end, correction, deregistration).
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.status-change")]
public sealed record StatusChange(
    [property: Id(0)] LabourStatus Status,
    [property: Id(1)] DateOnly Since,
    [property: Id(2)] string Cause);
