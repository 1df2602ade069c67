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

    /// <summary>Lowest offered monthly pay in CNY (月薪下限).</summary>
    public required decimal PayMin { get; init; }

    /// <summary>Highest offered monthly pay in CNY (月薪上限).</summary>
    public required decimal PayMax { get; init; }

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

    /// <summary>The day the post opened (发布日期); null when not known. Used for the re-ranker's freshness.</summary>
    public DateOnly? Opened { get; init; }

    /// <summary>Checks every field and returns all errors.</summary>
    /// <remarks>Values are formatted only for fields in error: readers validate every row of large files.</remarks>
    public ValidationResult Validate()
    {
        var result = new ValidationResult();
        result.AddIf(string.IsNullOrWhiteSpace(Id), "id", Id ?? string.Empty, "is required", "post id (岗位编号)");
        result.AddIf(string.IsNullOrWhiteSpace(EmployerId), "employer", EmployerId ?? string.Empty, "is required", "employer (用人单位)");
        result.AddIf(string.IsNullOrWhiteSpace(Title), "title", Title ?? string.Empty, "is required", "post title (岗位名称)");
        result.AddIf(Occupation.Depth == 0, "occupation", string.Empty, "is required", "occupation code (职业分类代码) X-XX-XX-XX or a prefix");
        if (Openings < 1)
        {
            result.Add("openings", Whole(Openings), "must be at least 1", "openings (招聘人数)");
        }
        if (PayMin < 0)
        {
            result.Add("pay_min", Amount(PayMin), "cannot be negative", "monthly pay in CNY (月薪)");
        }
        if (PayMax < PayMin)
        {
            result.Add("pay_max", Amount(PayMax), $"is below pay_min {Amount(PayMin)}", "pay range (薪酬范围): min ≤ max");
        }
        Location.AddErrors(result);
        if (!Kind.IsSingle())
        {
            result.Add("kind", Kind.ToString(), $"must be exactly one of {WorkKinds.TokenList}", "kind of work (用工形式)");
        }
        if (!Enum.IsDefined(MinEducation))
        {
            result.Add("min_education", MinEducation.ToString(), "is not a known level", "education level (学历)");
        }
        AddAgeLimitError(result, "age_min", AgeMin);
        AddAgeLimitError(result, "age_max", AgeMax);
        if (AgeMin is { } lowest && AgeMax is { } highest && highest < lowest)
        {
            result.Add("age_max", Whole(highest), $"is below age_min {Whole(lowest)}", "age range (年龄要求): min ≤ max");
        }
        return result;
    }

    /// <inheritdoc />
    public override string ToString() => $"Post {Id} {Title} {Occupation} x{Openings} {PayMin}-{PayMax} CNY {WorkKinds.Format(Kind)}";

    private static void AddAgeLimitError(ValidationResult result, string field, int? years)
    {
        if (years is { } limit && !WorkingAge.IsWithin(limit))
        {
            result.Add(field, Whole(limit), $"must be between {WorkingAge.Minimum} and {WorkingAge.Oldest}", WorkingAge.Rule);
        }
    }

    private static string Amount(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Whole(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
