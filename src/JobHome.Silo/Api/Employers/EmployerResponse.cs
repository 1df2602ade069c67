using JobHome.Grains.Employers;

namespace JobHome.Silo.Api.Employers;

/// <summary>An employer as the API shows it; the contact phone masked.</summary>
public sealed record EmployerResponse(string CreditCode, string Name, string SiteCode, double Lat, double Lon, string ContactPhoneMasked,
    string[] PostIds)
{
    /// <summary>The response for a stored employer.</summary>
    internal static EmployerResponse From(EmployerView v) =>
        new(v.CreditCode, v.Name, v.SiteCode, v.Lat, v.Lon, v.ContactPhoneMasked, v.PostIds);
}
