using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Work;
using JobHome.Matching.Model;

namespace JobHome.Fair.Csv;

/// <summary>
/// Reads the posts file (岗位): each cell is read into a Domain <see cref="Post"/>, which checks its own rules
/// (<see cref="Post.Validate"/>); valid rows are handed on as <see cref="MatchPost"/>s.
/// </summary>
internal static class PostCsv
{
    /// <summary>The header written (with the open date, 发布日期).</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "employer", "title", "occupation", "openings", "pay_min", "pay_max", "lat", "lon", "kind", "min_education",
        "age_min", "age_max", "skills", "opened",
    ];

    /// <summary>The header of files written before posts carried an open date; still read (no open date).</summary>
    public static readonly IReadOnlyList<string> ColumnsWithoutOpened = [.. Columns.Take(Columns.Count - 1)];

    /// <summary>Reads <paramref name="path"/>: either header, exactly.</summary>
    public static CsvLoad<MatchPost> Read(string path)
    {
        var withOpened = HeaderEndsWithOpened(path);
        return CsvTable.ReadRecords(path, withOpened ? Columns : ColumnsWithoutOpened, new HashSet<string>(), (row, ids) =>
        {
            var post = Parse(row, ids) with { Opened = withOpened ? Opened(row) : null };
            row.AddErrors(post.Validate());
            return MatchRecords.From(post);
        });
    }

    // Only chooses between the two headers; CsvTable checks the header it is given (and reports a missing file).
    private static bool HeaderEndsWithOpened(string path)
    {
        try
        {
            using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
            var header = reader.ReadLine();
            return header is not null && header.TrimEnd().EndsWith(",opened", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static DateOnly? Opened(CsvRow row)
    {
        var text = row["opened"].Trim();
        if (text.Length == 0)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var opened))
        {
            row.Fail("opened", "opened (发布日期) must be a date written YYYY-MM-DD, or empty when not known");
            return null;
        }
        return opened;
    }

    private static Post Parse(CsvRow row, Dictionary<string, int> ids) => new()
    {
        Id = CsvIds.Unique(row, ids, "岗位编号"),
        EmployerId = row["employer"],
        Title = row["title"],
        Occupation = Occupation(row),
        Openings = row.Integer("openings", "招聘人数", optional: false) ?? 0,
        PayMin = row.Money("pay_min", "月薪下限"),
        PayMax = row.Money("pay_max", "月薪上限"),
        Location = new GeoPoint(row.Degrees("lat", "纬度"), row.Degrees("lon", "经度")),
        Kind = Kind(row),
        MinEducation = MinEducation(row),
        AgeMin = row.Integer("age_min", "最低年龄", optional: true),
        AgeMax = row.Integer("age_max", "最高年龄", optional: true),
        RequiredSkills = row.List("skills"),
    };

    private static OccupationCode Occupation(CsvRow row)
    {
        if (!OccupationCode.TryParse(row["occupation"].Trim(), out var occupation, out var error))
        {
            row.Fail("occupation", $"occupation (职业) {error}");
        }
        return occupation;
    }

    private static WorkKind Kind(CsvRow row)
    {
        if (!WorkKinds.TryParse(row["kind"].Trim(), out var kind))
        {
            row.Fail("kind", $"kind (用工形式) must be exactly one of {WorkKinds.TokenList}");
        }
        return kind;
    }

    private static EducationLevel MinEducation(CsvRow row)
    {
        var text = row["min_education"].Trim();
        var minEducation = EducationLevel.None;
        if (text.Length > 0 && !EducationLevels.TryParse(text, out minEducation))
        {
            row.Fail("min_education",
                $"min_education (最低学历) must be one of {string.Join('|', EducationLevels.AllTokens)}, or empty for none");
        }
        return minEducation;
    }
}
