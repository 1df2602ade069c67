using System.Globalization;

namespace JobHome.Domain.Occupations;

/// <summary>
/// A code of the national occupational classification (职业分类大典, 2022): <c>X-XX-XX-XX</c> =
/// major group (大类, 1–8) - intermediate (中类) - minor (小类) - unit group (细类), or a prefix of it.
/// </summary>
public readonly record struct OccupationCode
{
    private OccupationCode(byte major, byte intermediate, byte minor, byte unit, byte depth)
    {
        Major = major;
        Intermediate = intermediate;
        Minor = minor;
        Unit = unit;
        Depth = depth;
    }

    /// <summary>Major group 1–8 (大类).</summary>
    public byte Major { get; }

    /// <summary>Intermediate group 1–99 (中类), 0 when <see cref="Depth"/> &lt; 2.</summary>
    public byte Intermediate { get; }

    /// <summary>Minor group 1–99 (小类), 0 when <see cref="Depth"/> &lt; 3.</summary>
    public byte Minor { get; }

    /// <summary>Unit group 1–99 (细类), 0 when <see cref="Depth"/> &lt; 4.</summary>
    public byte Unit { get; }

    /// <summary>Levels given: 1 major, 2 intermediate, 3 minor, 4 unit group; 0 for the default value.</summary>
    public byte Depth { get; }

    /// <summary>The code as one integer <c>M II mm uu</c> (e.g. 4010203), zeros for absent levels; orders codes hierarchically.</summary>
    public int Packed => (Major * 1_000_000) + (Intermediate * 10_000) + (Minor * 100) + Unit;

    /// <summary>Number of leading levels shared with <paramref name="other"/> (0–4).</summary>
    public int SharedDepth(OccupationCode other)
    {
        var max = Math.Min(Depth, other.Depth);
        if (max == 0 || Major != other.Major)
        {
            return 0;
        }
        if (max == 1 || Intermediate != other.Intermediate)
        {
            return 1;
        }
        if (max == 2 || Minor != other.Minor)
        {
            return 2;
        }
        return max == 3 || Unit != other.Unit ? 3 : 4;
    }

    /// <summary>The prefix of this code with <paramref name="depth"/> levels.</summary>
    public OccupationCode Truncate(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, Depth);
        return new OccupationCode(
            Major,
            depth >= 2 ? Intermediate : (byte)0,
            depth >= 3 ? Minor : (byte)0,
            depth >= 4 ? Unit : (byte)0,
            (byte)depth);
    }

    /// <summary>Builds a code from its parts; trailing zero parts are absent levels.</summary>
    public static OccupationCode Create(int major, int intermediate = 0, int minor = 0, int unit = 0)
    {
        var depth = unit > 0 ? 4 : minor > 0 ? 3 : intermediate > 0 ? 2 : 1;
        if (major is < 1 or > 8 || intermediate is < 0 or > 99 || minor is < 0 or > 99 || unit is < 0 or > 99
            || (depth >= 3 && intermediate == 0) || (depth == 4 && minor == 0))
        {
            throw new ArgumentException($"not a valid occupation code: {major}-{intermediate:00}-{minor:00}-{unit:00}");
        }
        return new OccupationCode((byte)major, (byte)intermediate, (byte)minor, (byte)unit, (byte)depth);
    }

    /// <summary>
    /// Parses <c>X</c>, <c>X-XX</c>, <c>X-XX-XX</c> or <c>X-XX-XX-XX</c> with X in 1–8 and each XX two digits 01–99
    /// (all <c>00</c> for the undivided groups 7 and 8, e.g. <c>7-00-00-00</c>);
    /// on failure <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string? text, out OccupationCode code, out string? error)
    {
        code = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "is empty; expected X-XX-XX-XX (职业分类代码) or a prefix such as X-XX";
            return false;
        }
        // The levels as ranges of the text (no string per level: a partition parses every seeker's codes it indexes).
        var span = text.AsSpan();
        var count = span.Count('-') + 1;
        if (count > 4)
        {
            error = $"'{text}' has {count} levels; an occupation code (职业分类代码) has at most 4: X-XX-XX-XX";
            return false;
        }
        Span<Range> parts = stackalloc Range[4];
        span.Split(parts, '-');
        var major = span[parts[0]];
        if (major.Length != 1 || major[0] is < '1' or > '8')
        {
            error = $"'{text}' must start with a major group digit 1–8 (大类)";
            return false;
        }
        // Major groups 7 (军人) and 8 (不便分类的其他从业人员) are not subdivided: their one code is 7-00-00-00 / 8-00-00-00.
        var undivided = major[0] is '7' or '8';
        for (var i = 1; i < count && undivided; i++)
        {
            undivided = span[parts[i]] is "00";
        }
        Span<byte> levels = stackalloc byte[3];
        for (var i = 1; i < count; i++)
        {
            var p = span[parts[i]];
            if (p.Length != 2 || !char.IsAsciiDigit(p[0]) || !char.IsAsciiDigit(p[1]) || (p is "00" && !undivided))
            {
                error = $"'{text}' level {i + 1} is '{p.ToString()}'; each level after the first must be two digits 01–99 (X-XX-XX-XX), "
                    + "except the undivided groups 7-00-00-00 (军人) and 8-00-00-00 (不便分类的其他从业人员)";
                return false;
            }
            levels[i - 1] = byte.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        code = new OccupationCode((byte)(major[0] - '0'), levels[0], levels[1], levels[2], (byte)count);
        error = null;
        return true;
    }

    /// <summary>Parses a code or throws <see cref="FormatException"/> with the reason.</summary>
    public static OccupationCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException($"occupation code {error}");

    /// <inheritdoc />
    public override string ToString() => Depth switch
    {
        0 => string.Empty,
        1 => Major.ToString(CultureInfo.InvariantCulture),
        2 => string.Create(CultureInfo.InvariantCulture, $"{Major}-{Intermediate:00}"),
        3 => string.Create(CultureInfo.InvariantCulture, $"{Major}-{Intermediate:00}-{Minor:00}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Major}-{Intermediate:00}-{Minor:00}-{Unit:00}"),
    };
}
