using JobHome.Domain.Geography;
using JobHome.Domain.Validation;

namespace JobHome.Domain.Sites;

/// <summary>One employment home (就业之家): code, name, kind, parent, location, urban/rural and staff.</summary>
public sealed record Site(string Code, string Name, SiteKind Kind, string? ParentCode, GeoPoint Location, bool Rural, StaffCounts Staff)
{
    /// <summary>The suffix every site name carries.</summary>
    public const string NameSuffix = "就业之家";

    /// <summary>Checks the site's own fields (not its place in a tree); returns every error.</summary>
    public ValidationResult Validate()
    {
        var result = new ValidationResult();
        result.AddIf(!IsValidCode(Code), "code", Code ?? string.Empty, "must be 1–32 characters of digits, A–Z and '-'",
            "site code (网点编码) assigned on approval");
        result.AddIf(string.IsNullOrWhiteSpace(Name) || !Name.EndsWith(NameSuffix, StringComparison.Ordinal)
            || Name.Length <= NameSuffix.Length,
            "name", Name ?? string.Empty, $"must be a place name followed by '{NameSuffix}'", "unified naming (统一名称): XXX就业之家");
        result.AddIf(!Enum.IsDefined(Kind), "kind", Kind.ToString(), "is not a known site kind", "site kind (层级或类型)");
        result.AddIf(Kind == SiteKind.Province ? ParentCode is not null : string.IsNullOrEmpty(ParentCode),
            "parent_code", ParentCode ?? string.Empty, Kind == SiteKind.Province ? "a province has no parent" : "is required",
                "tier tree (层级): every site but a province has a parent");
        Location.AddErrors(result, "location", "location");
        result.AddIf(Staff.FullTime < 0 || Staff.PartTime < 0 || Staff.Volunteers < 0, "staff",
            $"{Staff.FullTime}/{Staff.PartTime}/{Staff.Volunteers}", "counts cannot be negative", "service team (服务队伍)");
        return result;
    }

    /// <summary>True for 1–32 characters of ASCII digits, upper-case letters and '-'.</summary>
    public static bool IsValidCode(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= 32 && code.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || c == '-');
}
