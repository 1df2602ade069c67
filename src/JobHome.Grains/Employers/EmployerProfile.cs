namespace JobHome.Grains.Employers;

/// <summary>An employer (用人单位) to register under its unified social credit code.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.employer-profile")]
public sealed record EmployerProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string SiteCode,
    [property: Id(2)] double Lat,
    [property: Id(3)] double Lon)
{
    /// <summary>Contact phone, optional (personal data; shown masked).</summary>
    [Id(4)]
    public string? ContactPhone { get; init; }
}
