using System.Globalization;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;
using JobHome.Ranking.Rerank;

namespace JobHome.Cli.Model;

/// <summary>
/// Reads placement outcomes for <c>model train</c> in one of three layouts, told apart by the header:
/// <c>seeker_id,post_id,placed</c> (factors computed from the seekers and posts files),
/// <c>seeker_id,post_id,date,rank,applied,placed</c> (the stage layout, for both stages) or
/// <c>occupation,skills,pay,distance,priority,placed</c> (factor values given directly, each in [0, 1]).
/// </summary>
internal static class OutcomeCsv
{
    /// <summary>Header of the id layout.</summary>
    public static readonly IReadOnlyList<string> IdColumns = ["seeker_id", "post_id", "placed"];

    /// <summary>Header of the stage layout (<c>jobhome demo --outcomes</c>).</summary>
    public static readonly IReadOnlyList<string> StageColumns = ["seeker_id", "post_id", "date", "rank", "applied", "placed"];

    /// <summary>Header of the factor layout.</summary>
    public static readonly IReadOnlyList<string> FactorColumns = [.. FactorNames.Tokens, "placed"];

    /// <summary>True when the file's header starts with <c>seeker_id</c> (the id layout).</summary>
    public static bool UsesIds(string path)
    {
        try
        {
            using var reader = CsvText.OpenUtf8(path);
            var header = new CsvRecordReader(reader).Read();
            return header is not null && header.Fields.Count > 0 && CsvText.StripBom(header.Fields[0]) == "seeker_id";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>True when the file's header names an <c>applied</c> column (the stage layout).</summary>
    public static bool UsesStages(string path)
    {
        try
        {
            using var reader = CsvText.OpenUtf8(path);
            var header = new CsvRecordReader(reader).Read();
            return header is not null && header.Fields.Any(f => CsvText.StripBom(f) == "applied");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Reads the stage layout; ids must name seekers and posts of the given files.</summary>
    public static CsvLoad<StageOutcome> ReadStages(string path, IReadOnlySet<string> seekerIds, IReadOnlySet<string> postIds,
        string seekersFile, string postsFile)
    {
        var issues = new List<CsvIssue>();
        var items = new List<StageOutcome>();
        var usable = CsvTable.Read(path, StageColumns, new HashSet<string>(), issues, row =>
        {
            if (!seekerIds.Contains(row["seeker_id"]))
            {
                row.Fail("seeker_id", $"seeker_id (求职者编号) is not a valid seeker of {seekersFile}");
            }
            if (!postIds.Contains(row["post_id"]))
            {
                row.Fail("post_id", $"post_id (岗位编号) is not a valid post of {postsFile}");
            }
            if (!DateOnly.TryParseExact(row["date"].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                row.Fail("date", "date (推荐日期) must be a date YYYY-MM-DD");
            }
            if (!int.TryParse(row["rank"].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var rank) || rank < 1)
            {
                row.Fail("rank", "rank (推荐名次) must be a whole number ≥ 1");
            }
            var applied = Flag(row, "applied", "applied (是否投递) must be 1 (applied) or 0 (not applied)");
            var placed = Placed(row);
            if (placed && !applied && row.IsValid)
            {
                row.Fail("placed", "placed (是否就业) can be 1 only when applied is 1 (hired people applied first)");
            }
            if (row.IsValid)
            {
                items.Add(new StageOutcome(row["seeker_id"], row["post_id"], date, rank, applied, placed));
            }
        });
        return new CsvLoad<StageOutcome>(items, issues, usable);
    }

    /// <summary>Reads the factor layout.</summary>
    public static CsvLoad<TrainingExample> ReadFactors(string path)
    {
        var issues = new List<CsvIssue>();
        var items = new List<TrainingExample>();
        var usable = CsvTable.Read(path, FactorColumns, new HashSet<string>(), issues, row =>
        {
            var f = new double[FactorVector.Count];
            for (var i = 0; i < f.Length; i++)
            {
                var column = FactorColumns[i];
                if (!double.TryParse(row[column].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out f[i])
                    || f[i] > 1)
                {
                    row.Fail(column, $"{column} ({FactorText.ChineseName((Factor)i)}) must be a factor value between 0 and 1");
                }
            }
            var placed = Placed(row);
            if (row.IsValid)
            {
                items.Add(new TrainingExample(new FactorVector(f[0], f[1], f[2], f[3], f[4]), placed));
            }
        });
        return new CsvLoad<TrainingExample>(items, issues, usable);
    }

    /// <summary>Reads the id layout, computing factors with <see cref="Scorer.Factors"/>.</summary>
    public static CsvLoad<TrainingExample> ReadIds(
        string path,
        IReadOnlyList<MatchSeeker> seekers,
        IReadOnlyList<MatchPost> posts,
        MatchOptions options,
        string seekersFile,
        string postsFile)
    {
        var seekerById = seekers.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var postById = posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var issues = new List<CsvIssue>();
        var items = new List<TrainingExample>();
        var usable = CsvTable.Read(path, IdColumns, new HashSet<string>(), issues, row =>
        {
            if (!seekerById.TryGetValue(row["seeker_id"], out var seeker))
            {
                row.Fail("seeker_id", $"seeker_id (求职者编号) is not a valid seeker of {seekersFile}");
            }
            if (!postById.TryGetValue(row["post_id"], out var post))
            {
                row.Fail("post_id", $"post_id (岗位编号) is not a valid post of {postsFile}");
            }
            var placed = Placed(row);
            if (row.IsValid && seeker is not null && post is not null)
            {
                items.Add(new TrainingExample(Scorer.Factors(seeker, post, options), placed));
            }
        });
        return new CsvLoad<TrainingExample>(items, issues, usable);
    }

    private static bool Placed(CsvRow row) => Flag(row, "placed", "placed (是否就业) must be 1 (placed) or 0 (not placed)");

    private static bool Flag(CsvRow row, string column, string rule)
    {
        switch (row[column].Trim())
        {
            case "1":
                return true;
            case "0":
                return false;
            default:
                row.Fail(column, rule);
                return false;
        }
    }
}
