namespace JobHome.Grains.Employers;

/// <summary>A registered employer with its posts; the contact phone masked.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.employer-view")]
public sealed record EmployerView(
    [property: Id(0)] string CreditCode,
    [property: Id(1)] string Name,
    [property: Id(2)] string SiteCode,
    [property: Id(3)] double Lat,
    [property: Id(4)] double Lon,
    [property: Id(5)] string ContactPhoneMasked,
    [property: Id(6)] string[] PostIds);
