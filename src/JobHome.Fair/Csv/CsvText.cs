using System.Globalization;
using System.Text;

namespace JobHome.Fair.Csv;

/// <summary>Text helpers shared by the CSV readers and writers: encoding, masking, quoting and invariant value formats.</summary>
internal static class CsvText
{
    /// <summary>UTF-8 that rejects invalid bytes instead of replacing them.</summary>
    public static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Values longer than this are shortened in messages.</summary>
    public const int MaxShownValue = 60;

    /// <summary>Opens a UTF-8 file, with or without byte-order mark.</summary>
    public static StreamReader OpenUtf8(string path) =>
        new(path, StrictUtf8, detectEncodingFromByteOrderMarks: false,
            new FileStreamOptions { Access = FileAccess.Read, Mode = FileMode.Open, Share = FileShare.Read, BufferSize = 1 << 16 });

    /// <summary>Removes a leading byte-order mark from the first header cell.</summary>
    public static string StripBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;

    /// <summary>Masks personal text: first character kept, the rest as <c>**</c> (张三 → 张**).</summary>
    public static string Mask(string value)
    {
        if (value.Length == 0)
        {
            return value;
        }
        var first = StringInfo.GetNextTextElementLength(value);
        return string.Concat(value.AsSpan(0, first), "**");
    }

    /// <summary>Shortens a value for a message and shows control characters visibly.</summary>
    public static string Show(string value)
    {
        var shown = value.Length > MaxShownValue ? string.Concat(value.AsSpan(0, MaxShownValue), "…") : value;
        return shown.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>Quotes a field for output when it holds a comma, quote or line break (RFC 4180).</summary>
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }
        return string.Concat("\"", value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"");
    }

    /// <summary>A coordinate with at most 5 decimals (about 1 m).</summary>
    public static string Coordinate(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);

    /// <summary>A whole number, or empty for none.</summary>
    public static string Integer(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>An amount of money as written in the files: digits and an optional decimal point.</summary>
    public static string Amount(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A date as YYYY-MM-DD.</summary>
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A flag as <c>1</c> or <c>0</c>.</summary>
    public static string Flag(bool value) => value ? "1" : "0";

    /// <summary>Values joined with <c>;</c> inside one cell.</summary>
    public static string List(IEnumerable<string> values) => string.Join(';', values);
}
