using System.Globalization;

namespace JobHome.Fair;

/// <summary>Exact text of scores: micro-points as a decimal with exactly six places, invariant culture.</summary>
internal static class ScoreText
{
    /// <summary>Formats micro-points (e.g. 830000 → 0.830000) without floating-point rounding.</summary>
    public static string FromMicro(long micro)
    {
        var sign = micro < 0 ? "-" : string.Empty;
        var abs = Math.Abs(micro);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 1_000_000}.{abs % 1_000_000:000000}");
    }

    /// <summary>Formats a score in [0, 1] with six places.</summary>
    public static string FromScore(double score) => score.ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary>Writes micro-points like <see cref="FromMicro"/> without allocating (scores are 0..1,000,000).</summary>
    public static void WriteMicro(TextWriter writer, int micro)
    {
        if (micro < 0)
        {
            writer.Write(FromMicro(micro));
            return;
        }
        Span<char> buffer = stackalloc char[16];
        var whole = micro / 1_000_000;
        var fraction = micro % 1_000_000;
        var i = buffer.Length;
        for (var d = 0; d < 6; d++)
        {
            buffer[--i] = (char)('0' + (fraction % 10));
            fraction /= 10;
        }
        buffer[--i] = '.';
        do
        {
            buffer[--i] = (char)('0' + (whole % 10));
            whole /= 10;
        }
        while (whole > 0);
        writer.Write(buffer[i..]);
    }
}
