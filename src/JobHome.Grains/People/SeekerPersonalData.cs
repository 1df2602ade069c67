namespace JobHome.Grains.People;

/// <summary>A seeker's unmasked ID number and phone, as revealed for a recorded reason.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.seeker-personal-data")]
public sealed record SeekerPersonalData(
    [property: Id(0)] string SeekerId,
    [property: Id(1)] string SiteCode,
    [property: Id(2)] string IdNumber,
    [property: Id(3)] string? Phone);
