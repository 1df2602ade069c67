using System.Globalization;
using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.Validation;
using JobHome.Domain.Work;

namespace JobHome.Domain.People;

/// <summary>
/// A registered job seeker (实名制求职者). <see cref="Id"/> is pseudonymous; name, ID-card number and phone are
/// personal data and appear only masked in <see cref="ToString"/> and validation errors.
/// </summary>
public sealed record Seeker
{
    /// <summary>Pseudonymous id (not derived from the ID card).</summary>
    public required string Id { get; init; }

    /// <summary>Real name (personal data).</summary>
    public required string Name { get; init; }

    /// <summary>ID-card number, if recorded (personal data; masked when shown).</summary>
    public IdCardNumber? IdCard { get; init; }

    /// <summary>Mobile phone (personal data).</summary>
    public string? Phone { get; init; }

    /// <summary>Birth date.</summary>
    public required DateOnly BirthDate { get; init; }

    /// <summary>Gender.</summary>
    public required Gender Gender { get; init; }

    /// <summary>Highest education.</summary>
    public required EducationLevel Education { get; init; }

    /// <summary>Skills (技能).</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>Certificates (职业资格/技能等级证书).</summary>
    public IReadOnlyList<string> Certificates { get; init; } = [];

    /// <summary>Occupation intentions (求职意向), most wanted first.</summary>
    public IReadOnlyList<OccupationCode> Occupations { get; init; } = [];

    /// <summary>Lowest acceptable monthly pay in CNY (期望月薪下限).</summary>
    public decimal ExpectedPayMin { get; init; }

    /// <summary>Home location.</summary>
    public required GeoPoint Location { get; init; }

    /// <summary>True when living in a rural area.</summary>
    public bool Rural { get; init; }

    /// <summary>Kinds of work the seeker is available for.</summary>
    public WorkKind Availability { get; init; } = WorkKind.FullTime;

    /// <summary>Able to work (有劳动能力).</summary>
    public bool AbleToWork { get; init; } = true;

    /// <summary>Willing to work (有就业意愿).</summary>
    public bool WillingToWork { get; init; } = true;

    /// <summary>Wants training (有培训意愿).</summary>
    public bool WantsTraining { get; init; }

    /// <summary>Key-group flags (重点群体).</summary>
    public KeyGroups KeyGroups { get; init; }

    /// <summary>Age in whole years on <paramref name="date"/>.</summary>
    public int AgeOn(DateOnly date) => AgeCalculator.YearsBetween(BirthDate, date);

    /// <summary>Checks every field; errors never carry the unmasked name, ID-card number or phone.</summary>
    /// <param name="asOf">Reference date for the age rules (<see cref="WorkingAge"/>).</param>
    /// <remarks>Values are formatted only for fields in error: readers validate every row of large files.</remarks>
    public ValidationResult Validate(DateOnly asOf)
    {
        var result = new ValidationResult();
        if (string.IsNullOrWhiteSpace(Id))
        {
            result.Add("id", Id ?? string.Empty, "is required", "pseudonymous seeker id (求职者编号)");
        }
        if (string.IsNullOrWhiteSpace(Name))
        {
            result.Add("name", Masking.Name(Name), "is required", "real-name registration (实名制)");
        }
        if (Phone is not null && (Phone.Length != 11 || Phone[0] != '1' || !Phone.All(char.IsAsciiDigit)))
        {
            result.Add("phone", Masking.Phone(Phone), "must be 11 digits starting with 1", "mainland mobile number (手机号码)");
        }
        var age = AgeOn(asOf);
        if (!WorkingAge.IsWithin(age))
        {
            result.Add("birth_date", BirthText,
                $"gives age {age} on {asOf:yyyy-MM-dd}; a seeker must be {WorkingAge.Minimum}–{WorkingAge.Oldest} years old",
                    WorkingAge.Rule);
        }
        if (IdCard is not null && IdCard.BirthDate != BirthDate)
        {
            result.Add("birth_date", BirthText, "differs from the birth date in the ID-card number", "ID card (身份证) consistency");
        }
        if (IdCard is not null && IdCard.Gender != Gender)
        {
            result.Add("gender", Gender == Gender.Male ? "M" : "F", "differs from the gender in the ID-card number",
                "ID card (身份证) consistency");
        }
        if (!Enum.IsDefined(Education))
        {
            result.Add("education", Education.ToString(), "is not a known level", "education level (学历)");
        }
        if (ExpectedPayMin < 0)
        {
            result.Add("expected_pay_min", ExpectedPayMin.ToString(CultureInfo.InvariantCulture), "cannot be negative",
                "lowest acceptable monthly pay in CNY (期望月薪下限)");
        }
        Location.AddErrors(result);
        if (Availability == WorkKind.None || (int)Availability > 15)
        {
            result.Add("availability", Availability.ToString(), "must name at least one kind of work", "availability (可接受用工形式)");
        }
        for (var i = 0; i < Occupations.Count; i++)
        {
            if (Occupations[i].Depth == 0)
            {
                result.Add($"occupations[{i}]", string.Empty, "is empty", "occupation code (职业分类代码) X-XX-XX-XX or a prefix");
            }
        }
        return result;
    }

    private string BirthText => BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A masked summary: id, masked name, masked ID card and phone, age data omitted.</summary>
    public override string ToString() =>
        $"Seeker {Id} {Masking.Name(Name)} id_card={IdCard?.Masked ?? "-"} phone={Masking.Phone(Phone)} {Education.ToToken()} "
        + $"groups={KeyGroupTokens.Format(KeyGroups)}";
}
