using JobHome.Domain.Geography;
using JobHome.Domain.People;
using JobHome.Domain.Validation;

namespace JobHome.Domain.Employers;

/// <summary>An employer (用人单位) registered at a site; the contact phone is personal data.</summary>
public sealed record Employer(string Id, string Name, UnifiedSocialCreditCode CreditCode, string SiteCode, GeoPoint Location)
{
    /// <summary>Contact phone (personal data; masked when shown).</summary>
    public string? ContactPhone { get; init; }

    /// <summary>Checks every field.</summary>
    public ValidationResult Validate()
    {
        var r = new ValidationResult();
        r.AddIf(string.IsNullOrWhiteSpace(Id), "id", Id ?? string.Empty, "is required", "employer id (用人单位编号)");
        r.AddIf(string.IsNullOrWhiteSpace(Name), "name", Name ?? string.Empty, "is required", "employer name (单位名称)");
        r.AddIf(CreditCode.Value is null, "credit_code", string.Empty, "is required", "unified social credit code (统一社会信用代码)");
        r.AddIf(string.IsNullOrWhiteSpace(SiteCode), "site_code", SiteCode ?? string.Empty, "is required", "registering site (登记网点)");
        Location.AddErrors(r, "location", "location");
        return r;
    }

    /// <inheritdoc />
    public override string ToString() => $"Employer {Id} {Name} {CreditCode} phone={Masking.Phone(ContactPhone)}";
}
