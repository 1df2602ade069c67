using System.Text;

namespace JobHome.Fair.Csv;

/// <summary>
/// Reads a CSV file with a fixed header: checks the header, the number of values per record and the
/// quoting, and hands every well-formed data record to a row parser. Problems become <see cref="CsvIssue"/>s.
/// </summary>
internal static class CsvTable
{
    /// <summary>
    /// Reads <paramref name="path"/>; returns false when the file cannot be used at all (missing, not UTF-8, bad header).
    /// </summary>
    /// <param name="path">File to read.</param>
    /// <param name="columns">Expected header, in order.</param>
    /// <param name="maskedColumns">Columns holding personal data; their values are masked in issues.</param>
    /// <param name="issues">Receives every problem found.</param>
    /// <param name="onRow">Called for each well-formed record.</param>
    public static bool Read(
        string path,
        IReadOnlyList<string> columns,
        IReadOnlySet<string> maskedColumns,
        List<CsvIssue> issues,
        Action<CsvRow> onRow)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            issues.Add(new CsvIssue(file, 0, "(file)", path, "file not found (文件不存在)"));
            return false;
        }
        try
        {
            using var reader = CsvText.OpenUtf8(path);
            var records = new CsvRecordReader(reader);
            var header = records.Read();
            if (header is null)
            {
                issues.Add(new CsvIssue(file, 1, "(header)", string.Empty,
                    $"the file is empty; expected the header row (表头) {string.Join(',', columns)}"));
                return false;
            }
            if (!CheckHeader(file, header, columns, issues))
            {
                return false;
            }
            while (records.Read() is { } record)
            {
                if (record.Error is { } error)
                {
                    var value = error.Field < record.Fields.Count ? record.Fields[error.Field] : string.Empty;
                    if (record.Fields.Count != columns.Count || value.Contains('\n', StringComparison.Ordinal)
                        || value.Contains('\r', StringComparison.Ordinal))
                    {
                        // The values no longer line up with the columns (or run into later records), so any of
                        // them might be a name: name the record only.
                        issues.Add(new CsvIssue(file, record.Line, "(row)", NotShown,
                            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"{error.Message}; the record has {record.Fields.Count} values for {columns.Count} columns")));
                        continue;
                    }
                    var column = columns[error.Field];
                    issues.Add(new CsvIssue(file, record.Line, column, Shown(column, value, maskedColumns), error.Message));
                    continue;
                }
                if (record.Fields.Count != columns.Count)
                {
                    issues.Add(new CsvIssue(file, record.Line, "(row)",
                        record.Fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        $"the record has {record.Fields.Count} values but the header has {columns.Count} columns; "
                        + "quote values that contain commas (字段数不符)"));
                    continue;
                }
                onRow(new CsvRow(file, record.Line, columns, record.Fields, maskedColumns, issues));
            }
            return true;
        }
        catch (DecoderFallbackException)
        {
            issues.Add(new CsvIssue(file, 0, "(file)", string.Empty, "the file is not valid UTF-8 text (编码须为UTF-8)"));
            return false;
        }
        catch (IOException ex)
        {
            issues.Add(new CsvIssue(file, 0, "(file)", path, $"cannot be read (无法读取): {ex.Message}"));
            return false;
        }
        catch (UnauthorizedAccessException ex)
        {
            issues.Add(new CsvIssue(file, 0, "(file)", path, $"cannot be read (无法读取): {ex.Message}"));
            return false;
        }
    }

    /// <summary>
    /// Reads a file of records with unique ids: <paramref name="parse"/> turns each well-formed record into an item (and records
    /// its problems on the row); the items of rows without problems are kept, in file order.
    /// </summary>
    public static CsvLoad<T> ReadRecords<T>(
        string path,
        IReadOnlyList<string> columns,
        IReadOnlySet<string> maskedColumns,
        Func<CsvRow, Dictionary<string, int>, T> parse)
    {
        var issues = new List<CsvIssue>();
        var items = new List<T>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var usable = Read(path, columns, maskedColumns, issues, row =>
        {
            var item = parse(row, ids);
            if (row.IsValid)
            {
                items.Add(item);
            }
        });
        return new CsvLoad<T>(items, issues, usable);
    }

    /// <summary>Shown instead of a value that cannot be attributed to a column.</summary>
    public const string NotShown = "(not shown)";

    /// <summary>The value as it may appear in a message: masked for personal columns, shortened otherwise.</summary>
    public static string Shown(string column, string value, IReadOnlySet<string> maskedColumns) =>
        maskedColumns.Contains(column) ? CsvText.Mask(value) : CsvText.Show(value);

    private static bool CheckHeader(string file, CsvRecord header, IReadOnlyList<string> columns, List<CsvIssue> issues)
    {
        var found = header.Fields.Select((f, i) => i == 0 ? CsvText.StripBom(f) : f).ToList();
        if (found.SequenceEqual(columns, StringComparer.Ordinal))
        {
            return true;
        }
        var expected = string.Join(',', columns);
        var before = issues.Count;
        foreach (var missing in columns.Where(c => !found.Contains(c, StringComparer.Ordinal)))
        {
            issues.Add(new CsvIssue(file, header.Line, missing, string.Empty,
                $"missing column \"{missing}\" in the header row (表头缺少列); expected {expected}"));
        }
        foreach (var extra in found.Where(c => !columns.Contains(c, StringComparer.Ordinal)))
        {
            issues.Add(new CsvIssue(file, header.Line, "(header)", CsvText.Show(extra),
                $"unexpected column \"{CsvText.Show(extra)}\" in the header row (表头多余列); expected {expected}"));
        }
        foreach (var dup in found.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            issues.Add(new CsvIssue(file, header.Line, dup.Key, dup.Key,
                $"column \"{dup.Key}\" appears more than once in the header row (表头列重复)"));
        }
        if (issues.Count == before)
        {
            issues.Add(new CsvIssue(file, header.Line, "(header)", CsvText.Show(string.Join(',', found)),
                $"columns are out of order (表头列顺序不符); expected {expected}"));
        }
        return false;
    }
}
