using System.Globalization;
using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Validation;
using JobHome.Domain.Work;

namespace JobHome.Domain.Posts;

/// <summary>A post (岗位) offered by an employer: occupation, openings, pay range, place, kind and requirements.</summary>
public sealed record Post
{
    /// <summary>Post id.</summary>
    public required string Id { get; init; }

    /// <summary>Employer id.</summary>
    public required string EmployerId { get; init; }

    /// <summary>Title (岗位名称).</summary>
    public required string Title { get; init; }

    /// <summary>Occupation code (职业分类代码).</summary>
    public required OccupationCode Occupation { get; init; }

    /// <summary>Number of openings (招聘人数).</summary>
    public required int Openings { get; init; }

    /// <summary>Lowest monthly pay in CNY.</summary>
    public required int PayMin { get; init; }

    /// <summary>Highest monthly pay in CNY.</summary>
    public required int PayMax { get; init; }

    /// <summary>Place of work.</summary>
    public required GeoPoint Location { get; init; }

    /// <summary>Kind of work: exactly one.</summary>
    public required WorkKind Kind { get; init; }

    /// <summary>Minimum education (学历要求).</summary>
    public EducationLevel MinEducation { get; init; }

    /// <summary>Lowest age, or null for no limit.</summary>
    public int? AgeMin { get; init; }

    /// <summary>Highest age, or null for no limit.</summary>
    public int? AgeMax { get; init; }

    /// <summary>Required skills.</summary>
    public IReadOnlyList<string> RequiredSkills { get; init; } = [];

    /// <summary>Checks every field and returns all errors.</summary>
    public ValidationResult Validate()
    {
        static string S(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        var r = new ValidationResult();
        r.AddIf(string.IsNullOrWhiteSpace(Id), "id", Id ?? string.Empty, "is required", "post id (岗位编号)");
        r.AddIf(string.IsNullOrWhiteSpace(EmployerId), "employer", EmployerId ?? string.Empty, "is required", "employer (用人单位)");
        r.AddIf(string.IsNullOrWhiteSpace(Title), "title", Title ?? string.Empty, "is required", "post title (岗位名称)");
        r.AddIf(Occupation.Depth == 0, "occupation", string.Empty, "is required", "occupation code (职业分类代码) X-XX-XX-XX or a prefix");
        r.AddIf(Openings < 1, "openings", S(Openings), "must be at least 1", "openings (招聘人数)");
        r.AddIf(PayMin < 0, "pay_min", S(PayMin), "cannot be negative", "monthly pay in CNY (月薪)");
        r.AddIf(PayMax < PayMin, "pay_max", S(PayMax), $"is below pay_min {PayMin}", "pay range (薪酬范围): min ≤ max");
        r.AddIf(!Location.IsValid, "location", $"{Location.Lat},{Location.Lon}", "latitude must be within ±90 and longitude within ±180", "WGS-84 coordinates (坐标)");
        r.AddIf(!Kind.IsSingle(), "kind", Kind.ToString(), "must be exactly one of full_time|part_time|gig|public_welfare", "kind of work (用工形式)");
        r.AddIf(!Enum.IsDefined(MinEducation), "min_education", MinEducation.ToString(), "is not a known level", "education level (学历)");
        r.AddIf(AgeMin is < 16, "age_min", S(AgeMin), "must be at least 16", "legal working age (法定劳动年龄, 16+)");
        r.AddIf(AgeMax is < 16, "age_max", S(AgeMax), "must be at least 16", "legal working age (法定劳动年龄, 16+)");
        r.AddIf(AgeMin is { } lo && AgeMax is { } hi && hi < lo, "age_max", S(AgeMax), $"is below age_min {AgeMin}", "age range (年龄要求): min ≤ max");
        return r;
    }

    /// <inheritdoc />
    public override string ToString() => $"Post {Id} {Title} {Occupation} x{Openings} {PayMin}-{PayMax} CNY {WorkKinds.Format(Kind)}";
}
