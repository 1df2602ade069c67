using System.Globalization;

namespace JobHome.Cli.Csv;

/// <summary>One data record being parsed; collects the record's problems.</summary>
internal sealed class CsvRow(
    string file,
    int line,
    IReadOnlyList<string> columns,
    IReadOnlyList<string> fields,
    IReadOnlySet<string> maskedColumns,
    List<CsvIssue> issues)
{
    private readonly IReadOnlyList<string> _columns = columns;
    private readonly IReadOnlyList<string> _fields = fields;
    private readonly IReadOnlySet<string> _maskedColumns = maskedColumns;
    private readonly List<CsvIssue> _issues = issues;
    private readonly int _issuesBefore = issues.Count;

    /// <summary>File name shown in messages.</summary>
    public string File { get; } = file;

    /// <summary>Line the record starts on.</summary>
    public int Line { get; } = line;

    /// <summary>True when no problem was recorded for this record.</summary>
    public bool IsValid => _issues.Count == _issuesBefore;

    /// <summary>The raw value of a column.</summary>
    public string this[string column] => _fields[IndexOf(column)];

    /// <summary>Records a problem with a column's value.</summary>
    public void Fail(string column, string reason) => FailValue(column, this[column], reason);

    /// <summary>Records a problem naming an explicit value (e.g. one item of a list).</summary>
    public void FailValue(string column, string value, string reason) =>
        _issues.Add(new CsvIssue(File, Line, column, CsvTable.Shown(column, value, _maskedColumns), reason));

    /// <summary>A required, non-blank text value (kept exactly as written).</summary>
    public string Text(string column, string term)
    {
        var v = this[column];
        if (string.IsNullOrWhiteSpace(v))
        {
            Fail(column, $"{column} ({term}) must not be empty");
        }
        return v;
    }

    /// <summary>A non-negative amount of money (CNY per month).</summary>
    public decimal Money(string column, string term)
    {
        var v = this[column].Trim();
        if (!decimal.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            Fail(column, $"{column} ({term}) must be a non-negative amount in CNY per month, digits and an optional decimal point (e.g. 3500)");
            return 0;
        }
        return amount;
    }

    /// <summary>A whole number within bounds, or null when empty and <paramref name="optional"/>.</summary>
    public int? Integer(string column, string term, int min, int max, bool optional)
    {
        var v = this[column].Trim();
        if (v.Length == 0 && optional)
        {
            return null;
        }
        if (!int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            var range = max == int.MaxValue ? $"≥ {min}" : $"between {min} and {max}";
            Fail(column, $"{column} ({term}) must be a whole number {range}{(optional ? ", or empty for no limit" : string.Empty)}");
            return null;
        }
        return n;
    }

    /// <summary>A decimal coordinate within ±<paramref name="limit"/> degrees.</summary>
    public double Degrees(string column, string term, double limit)
    {
        var v = this[column].Trim();
        if (!double.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            || !double.IsFinite(d) || d < -limit || d > limit)
        {
            Fail(column, $"{column} ({term}) must be a decimal number of degrees between -{limit} and {limit} (WGS-84)");
            return 0;
        }
        return d;
    }

    /// <summary>The items of a <c>;</c>-separated list, trimmed, empty items dropped.</summary>
    public IReadOnlyList<string> List(string column) =>
        this[column].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private int IndexOf(string column)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (string.Equals(_columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }
        throw new ArgumentException($"no column {column}", nameof(column));
    }
}
