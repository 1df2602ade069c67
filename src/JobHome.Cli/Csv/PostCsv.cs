using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;

namespace JobHome.Cli.Csv;

/// <summary>Reads and validates the posts file (岗位).</summary>
internal static class PostCsv
{
    /// <summary>The exact header.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["id", "employer", "title", "occupation", "openings", "pay_min", "pay_max", "lat", "lon", "kind", "min_education", "age_min", "age_max", "skills"];

    /// <summary>Oldest age limit accepted.</summary>
    public const int MaxAgeLimit = 120;

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static CsvLoad<MatchPost> Read(string path)
    {
        var issues = new List<CsvIssue>();
        var items = new List<MatchPost>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var usable = CsvTable.Read(path, Columns, new HashSet<string>(), issues, row =>
        {
            var post = Parse(row, ids);
            if (row.IsValid)
            {
                items.Add(post);
            }
        });
        return new CsvLoad<MatchPost>(items, issues, usable);
    }

    private static MatchPost Parse(CsvRow row, Dictionary<string, int> ids)
    {
        var id = CsvIds.Unique(row, ids, "岗位编号");
        var employer = row.Text("employer", "用人单位");
        var title = row["title"];

        if (!OccupationCode.TryParse(row["occupation"].Trim(), out var occupation, out var error))
        {
            row.Fail("occupation", $"occupation (职业) {error}");
        }

        var openings = row.Integer("openings", "招聘人数", 1, int.MaxValue, optional: false) ?? 0;
        var payMin = row.Money("pay_min", "月薪下限");
        var payMax = row.Money("pay_max", "月薪上限");
        if (payMin > payMax)
        {
            row.FailValue("pay_max", row["pay_max"], $"pay_max (月薪上限) must be at least pay_min (月薪下限) {payMin}");
        }
        var lat = row.Degrees("lat", "纬度", 90);
        var lon = row.Degrees("lon", "经度", 180);

        if (!WorkKinds.TryParse(row["kind"].Trim(), out var kind))
        {
            row.Fail("kind", $"kind (用工形式) must be exactly one of {SeekerCsv.KindTokens}");
        }

        var educationText = row["min_education"].Trim();
        var minEducation = EducationLevel.None;
        if (educationText.Length > 0 && !EducationLevels.TryParse(educationText, out minEducation))
        {
            row.Fail("min_education", $"min_education (最低学历) must be one of {string.Join('|', EducationLevels.AllTokens)}, or empty for none");
        }

        var ageMin = row.Integer("age_min", "最低年龄", 0, MaxAgeLimit, optional: true);
        var ageMax = row.Integer("age_max", "最高年龄", 0, MaxAgeLimit, optional: true);
        if (ageMin is { } lo && ageMax is { } hi && lo > hi)
        {
            row.Fail("age_max", $"age_max (最高年龄) must be at least age_min (最低年龄) {lo}");
        }

        return new MatchPost(id, employer, title, occupation, openings, payMin, payMax, new GeoPoint(lat, lon), kind, minEducation, ageMin, ageMax, row.List("skills"));
    }
}
