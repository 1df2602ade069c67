using System.Globalization;
using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;

namespace JobHome.Cli.Csv;

/// <summary>Reads and validates the seekers file (求职者); the <c>name</c> column is personal data and is never kept or shown.</summary>
internal static class SeekerCsv
{
    /// <summary>The exact header.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["id", "name", "birth_date", "gender", "education", "occupations", "skills", "expected_pay_min", "lat", "lon", "rural", "availability", "key_groups"];

    /// <summary>Columns whose values are masked in every message.</summary>
    public static readonly IReadOnlySet<string> Personal = new HashSet<string>(StringComparer.Ordinal) { "name" };

    /// <summary>Oldest age accepted on the reference date.</summary>
    public const int MaxAge = 120;

    /// <summary>Reads <paramref name="path"/>; birth dates are checked against <paramref name="asOf"/>.</summary>
    public static CsvLoad<MatchSeeker> Read(string path, DateOnly asOf)
    {
        var issues = new List<CsvIssue>();
        var items = new List<MatchSeeker>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var usable = CsvTable.Read(path, Columns, Personal, issues, row =>
        {
            var seeker = Parse(row, asOf, ids);
            if (row.IsValid)
            {
                items.Add(seeker);
            }
        });
        return new CsvLoad<MatchSeeker>(items, issues, usable);
    }

    private static MatchSeeker Parse(CsvRow row, DateOnly asOf, Dictionary<string, int> ids)
    {
        var id = CsvIds.Unique(row, ids, "求职者编号");

        var birthText = row["birth_date"].Trim();
        if (!DateOnly.TryParseExact(birthText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
        {
            row.Fail("birth_date", "birth_date (出生日期) must be a date written YYYY-MM-DD");
        }
        else if (birth > asOf || birth < asOf.AddYears(-MaxAge))
        {
            row.Fail("birth_date", $"birth_date (出生日期) must be on or before the reference date {asOf:yyyy-MM-dd} and at most {MaxAge} years before it");
        }

        var gender = Gender.Male;
        switch (row["gender"].Trim())
        {
            case "M":
                break;
            case "F":
                gender = Gender.Female;
                break;
            default:
                row.Fail("gender", "gender (性别) must be M (男) or F (女)");
                break;
        }

        if (!EducationLevels.TryParse(row["education"].Trim(), out var education))
        {
            row.Fail("education", $"education (学历) must be one of {string.Join('|', EducationLevels.AllTokens)}");
        }

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

        var skills = row.List("skills");
        var pay = row.Money("expected_pay_min", "期望月薪下限");
        var lat = row.Degrees("lat", "纬度", 90);
        var lon = row.Degrees("lon", "经度", 180);

        var rural = false;
        switch (row["rural"].Trim())
        {
            case "0":
                break;
            case "1":
                rural = true;
                break;
            default:
                row.Fail("rural", "rural (农村居民) must be 0 or 1");
                break;
        }

        var availability = WorkKind.None;
        foreach (var item in row.List("availability"))
        {
            if (WorkKinds.TryParse(item, out var kind))
            {
                availability |= kind;
            }
            else
            {
                row.FailValue("availability", item, $"availability (可接受用工形式) items must be {KindTokens}");
            }
        }
        if (availability == WorkKind.None && row.List("availability").Count == 0)
        {
            row.Fail("availability", $"availability (可接受用工形式) must name at least one of {KindTokens}, separated by ;");
        }

        var groups = KeyGroups.None;
        foreach (var item in row.List("key_groups"))
        {
            if (KeyGroupTokens.TryParse(item, out var flag))
            {
                groups |= flag;
            }
            else
            {
                row.FailValue("key_groups", item, $"key_groups (重点群体) items must be {string.Join('|', KeyGroupTokens.All.Select(g => g.Token))} (or the cell left empty)");
            }
        }

        return new MatchSeeker(id, birth, gender, education, occupations, skills, pay, new GeoPoint(lat, lon), rural, availability, groups);
    }

    /// <summary>The work-kind tokens for messages.</summary>
    public static string KindTokens => string.Join('|', WorkKinds.All.Select(k => k.Token));
}
