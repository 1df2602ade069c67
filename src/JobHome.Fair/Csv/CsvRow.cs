using System.Globalization;
using JobHome.Domain.Validation;

namespace JobHome.Fair.Csv;

/// <summary>
/// One data record being parsed; collects the record's problems. The row only checks that each cell can be read
/// (a number, a date, a known token); the rules on the values belong to the Domain and come in through
/// <see cref="AddErrors"/>.
/// </summary>
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
    private readonly HashSet<string> _failedColumns = new(StringComparer.Ordinal);

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
    public void FailValue(string column, string value, string reason)
    {
        _failedColumns.Add(column);
        _issues.Add(new CsvIssue(File, Line, column, CsvTable.Shown(column, value, _maskedColumns), reason));
    }

    /// <summary>
    /// Records the Domain's field errors (problem and rule with the Chinese term, as the Domain words them) against the
    /// columns they name, except for columns whose cell could not even be read.
    /// </summary>
    public void AddErrors(ValidationResult result)
    {
        foreach (var error in result.Errors)
        {
            var bracket = error.Field.IndexOf('[', StringComparison.Ordinal);
            var column = bracket < 0 ? error.Field : error.Field[..bracket];
            if (_failedColumns.Contains(column))
            {
                continue;
            }
            var reason = $"{error.Problem} [{error.Rule}]";
            if (IndexOf(column, throwIfMissing: false) < 0)
            {
                _issues.Add(new CsvIssue(File, Line, "(row)", CsvTable.Shown(column, error.Value, _maskedColumns),
                    $"{error.Field} {reason}"));
                continue;
            }
            Fail(column, reason);
        }
    }

    /// <summary>An amount of money in CNY per month: digits and an optional decimal point.</summary>
    public decimal Money(string column, string term)
    {
        if (!decimal.TryParse(this[column].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            Fail(column,
                $"{column} ({term}) must be a non-negative amount in CNY per month, digits and an optional decimal point (e.g. 3500)");
            return 0;
        }
        return amount;
    }

    /// <summary>A whole number, or null when the cell is empty and <paramref name="optional"/>.</summary>
    public int? Integer(string column, string term, bool optional)
    {
        var text = this[column].Trim();
        if (text.Length == 0 && optional)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Fail(column, $"{column} ({term}) must be a whole number{(optional ? ", or empty for no limit" : string.Empty)}");
            return null;
        }
        return value;
    }

    /// <summary>A decimal number of degrees (WGS-84).</summary>
    public double Degrees(string column, string term)
    {
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (!double.TryParse(this[column].Trim(), style, CultureInfo.InvariantCulture, out var degrees))
        {
            Fail(column, $"{column} ({term}) must be a decimal number of degrees (WGS-84)");
            return 0;
        }
        return degrees;
    }

    /// <summary>A flag written <c>1</c> (yes) or <c>0</c> (no).</summary>
    public bool Flag(string column, string term)
    {
        var text = this[column].Trim();
        if (text is not ("0" or "1"))
        {
            Fail(column, $"{column} ({term}) must be 0 or 1");
        }
        return text == "1";
    }

    /// <summary>The items of a <c>;</c>-separated list, trimmed, empty items dropped.</summary>
    public IReadOnlyList<string> List(string column) =>
        this[column].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private int IndexOf(string column, bool throwIfMissing = true)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (string.Equals(_columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return throwIfMissing ? throw new ArgumentException($"no column {column}", nameof(column)) : -1;
    }
}
