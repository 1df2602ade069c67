using System.Globalization;
using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;

namespace JobHome.Fair.Csv;

/// <summary>
/// Reads the seekers file (求职者): each cell is read into a Domain <see cref="Seeker"/>, which checks its own rules
/// (<see cref="Seeker.Validate"/>); valid rows are handed on as <see cref="MatchSeeker"/>s. The <c>name</c> column is
/// personal data: it is never kept past validation and always shown masked.
/// </summary>
internal static class SeekerCsv
{
    /// <summary>The exact header.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "name", "birth_date", "gender", "education", "occupations", "skills", "expected_pay_min", "lat", "lon", "rural",
        "availability", "key_groups",
    ];

    /// <summary>Columns whose values are masked in every message.</summary>
    public static readonly IReadOnlySet<string> Personal = new HashSet<string>(StringComparer.Ordinal) { "name" };

    /// <summary>Reads <paramref name="path"/>; ages are taken on <paramref name="asOf"/>.</summary>
    public static CsvLoad<MatchSeeker> Read(string path, DateOnly asOf) =>
        CsvTable.ReadRecords(path, Columns, Personal, (row, ids) =>
        {
            var seeker = Parse(row, ids);
            row.AddErrors(seeker.Validate(asOf));
            return MatchRecords.From(seeker);
        });

    private static Seeker Parse(CsvRow row, Dictionary<string, int> ids) => new()
    {
        Id = CsvIds.Unique(row, ids, "求职者编号"),
        Name = row["name"],
        BirthDate = BirthDate(row),
        Gender = Gender(row),
        Education = Education(row),
        Occupations = Occupations(row),
        Skills = row.List("skills"),
        ExpectedPayMin = row.Money("expected_pay_min", "期望月薪下限"),
        Location = new GeoPoint(row.Degrees("lat", "纬度"), row.Degrees("lon", "经度")),
        Rural = row.Flag("rural", "农村居民"),
        Availability = Availability(row),
        KeyGroups = KeyGroups(row),
    };

    private static DateOnly BirthDate(CsvRow row)
    {
        if (!DateOnly.TryParseExact(row["birth_date"].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var birth))
        {
            row.Fail("birth_date", "birth_date (出生日期) must be a date written YYYY-MM-DD");
        }
        return birth;
    }

    private static Gender Gender(CsvRow row)
    {
        switch (row["gender"].Trim())
        {
            case "M":
                return Domain.People.Gender.Male;
            case "F":
                return Domain.People.Gender.Female;
            default:
                row.Fail("gender", "gender (性别) must be M (男) or F (女)");
                return Domain.People.Gender.Male;
        }
    }

    private static EducationLevel Education(CsvRow row)
    {
        if (!EducationLevels.TryParse(row["education"].Trim(), out var education))
        {
            row.Fail("education", $"education (学历) must be one of {string.Join('|', EducationLevels.AllTokens)}");
        }
        return education;
    }

    private static List<OccupationCode> Occupations(CsvRow row)
    {
        var occupations = new List<OccupationCode>();
        foreach (var item in row.List("occupations"))
        {
            if (OccupationCode.TryParse(item, out var code, out var error))
            {
                occupations.Add(code);
            }
            else
            {
                row.FailValue("occupations", item, $"occupations (求职意向职业) item {error}");
            }
        }
        return occupations;
    }

    private static WorkKind Availability(CsvRow row)
    {
        var availability = WorkKind.None;
        foreach (var item in row.List("availability"))
        {
            if (WorkKinds.TryParse(item, out var kind))
            {
                availability |= kind;
            }
            else
            {
                row.FailValue("availability", item, $"availability (可接受用工形式) items must be {WorkKinds.TokenList}");
            }
        }
        return availability;
    }

    private static KeyGroups KeyGroups(CsvRow row)
    {
        var groups = Domain.People.KeyGroups.None;
        foreach (var item in row.List("key_groups"))
        {
            if (KeyGroupTokens.TryParse(item, out var flag))
            {
                groups |= flag;
            }
            else
            {
                var tokens = string.Join('|', KeyGroupTokens.All.Select(g => g.Token));
                row.FailValue("key_groups", item, $"key_groups (重点群体) items must be {tokens} (or the cell left empty)");
            }
        }
        return groups;
    }
}
