using System.Globalization;

namespace JobHome.Domain.Indicators;

/// <summary>
/// An exact ratio of two counts. Threshold checks compare the counts by cross-multiplication, never a rounded
/// percentage: 179 of 200 (89.5 %) is below 90 % and at least 85 %.
/// </summary>
public readonly record struct Rate
{
    /// <summary>Creates a ratio; both counts must be non-negative.</summary>
    public Rate(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        Numerator = numerator;
        Denominator = denominator;
    }

    /// <summary>The counted part (e.g. employed).</summary>
    public long Numerator { get; }

    /// <summary>The base (e.g. people able and willing to work).</summary>
    public long Denominator { get; }

    /// <summary>False when the base is zero: the rate is undefined.</summary>
    public bool IsDefined => Denominator > 0;

    /// <summary>The rate in percent (for display), or null when undefined.</summary>
    public decimal? Percent => IsDefined ? Numerator * 100m / Denominator : null;

    /// <summary>True when defined and numerator ÷ denominator ≥ <paramref name="percent"/> %, exactly.</summary>
    public bool IsAtLeastPercent(decimal percent) => IsDefined && (Numerator * 100m) >= percent * Denominator;

    /// <summary>True when both are defined and this rate is below <paramref name="other"/>, exactly.</summary>
    public bool IsBelow(Rate other) => IsDefined && other.IsDefined
        && ((Int128)Numerator * other.Denominator) < ((Int128)other.Numerator * Denominator);

    /// <inheritdoc />
    public override string ToString() => Percent is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator} ({p:0.##} %)")
        : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/0 (undefined)");
}
