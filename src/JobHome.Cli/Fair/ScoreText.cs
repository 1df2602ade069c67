using System.Globalization;

namespace JobHome.Cli.Fair;

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
}
