using System.Text;

namespace JobHome.Cli.Csv;

/// <summary>Text helpers shared by readers and writers.</summary>
internal static class CsvText
{
    /// <summary>UTF-8 that rejects invalid bytes instead of replacing them.</summary>
    public static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Values longer than this are shortened in messages.</summary>
    public const int MaxShownValue = 60;

    /// <summary>Opens a UTF-8 file, with or without byte-order mark.</summary>
    public static StreamReader OpenUtf8(string path) =>
        new(path, StrictUtf8, detectEncodingFromByteOrderMarks: false, new FileStreamOptions { Access = FileAccess.Read, Mode = FileMode.Open, Share = FileShare.Read, BufferSize = 1 << 16 });

    /// <summary>Removes a leading byte-order mark from the first header cell.</summary>
    public static string StripBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;

    /// <summary>Masks personal text: first character kept, the rest as <c>**</c> (张三 → 张**).</summary>
    public static string Mask(string value)
    {
        if (value.Length == 0)
        {
            return value;
        }
        var first = System.Globalization.StringInfo.GetNextTextElementLength(value);
        return string.Concat(value.AsSpan(0, first), "**");
    }

    /// <summary>Shortens a value for a message and shows control characters visibly.</summary>
    public static string Show(string value)
    {
        var shown = value.Length > MaxShownValue ? string.Concat(value.AsSpan(0, MaxShownValue), "…") : value;
        return shown.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>Quotes a field for output when it holds a comma, quote or line break.</summary>
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }
        return string.Concat("\"", value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"");
    }
}
