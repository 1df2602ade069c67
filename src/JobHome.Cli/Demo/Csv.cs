using System.Globalization;

namespace JobHome.Cli.Demo;

/// <summary>Minimal RFC 4180 field formatting for the demo files.</summary>
internal static class Csv
{
    /// <summary>Quotes a field when it contains a comma, quote or line break (the rule of every jobhome output).</summary>
    public static string Field(string? value) => string.IsNullOrEmpty(value) ? string.Empty : Cli.Csv.CsvText.Escape(value);

    /// <summary>A coordinate with at most 5 decimals (about 1 m), invariant culture.</summary>
    public static string Coordinate(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);

    /// <summary>An integer, invariant culture.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A date as YYYY-MM-DD.</summary>
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Values joined with ';' inside one cell.</summary>
    public static string List(IEnumerable<string> values) => Field(string.Join(';', values));
}
