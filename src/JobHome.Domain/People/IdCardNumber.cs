using System.Globalization;
using JobHome.Domain.Validation;

namespace JobHome.Domain.People;

/// <summary>
/// A resident ID-card number (公民身份号码, GB 11643-1999): 6-digit region code, 8-digit birth date,
/// 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character (0–9 or X).
/// Personal data: <see cref="ToString"/> is always masked; the full value only through <see cref="RevealFullNumber"/>.
/// </summary>
public sealed class IdCardNumber : IEquatable<IdCardNumber>
{
    private const string CheckChars = "10X98765432";
    private const string Rule = "GB 11643-1999 citizen ID number (公民身份号码): 18 characters, region code, birth date, sequence, MOD 11-2 " +
        "check character (校验码)";
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    // Province-level prefixes of GB/T 2260 (省级行政区划代码), including Taiwan, Hong Kong and Macao.
    private static readonly HashSet<int> ProvincePrefixes =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    ];

    private readonly string _value;

    private IdCardNumber(string value, DateOnly birthDate)
    {
        _value = value;
        BirthDate = birthDate;
    }

    /// <summary>The embedded birth date (出生日期).</summary>
    public DateOnly BirthDate { get; }

    /// <summary>The 6-digit administrative region code (行政区划代码) of issue.</summary>
    public string RegionCode => _value[..6];

    /// <summary>Gender from the sequence code: odd is male, even is female.</summary>
    public Gender Gender => (_value[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;

    /// <summary>The masked form (first 4 and last 4 characters kept), e.g. <c>3607**********123X</c>.</summary>
    public string Masked => Masking.IdCard(_value);

    /// <summary>The full number. Personal data: only for storage and authorised exchange, never for display or logs.</summary>
    public string RevealFullNumber() => _value;

    /// <summary>Computes the MOD 11-2 check character for the first 17 digits.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("exactly 17 digits are needed", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(first17[i]))
            {
                throw new ArgumentException("only digits are allowed before the check character", nameof(first17));
            }
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckChars[sum % 11];
    }

    /// <summary>Parses and validates; on failure <paramref name="error"/> names the problem with the masked value.</summary>
    public static bool TryParse(string? text, out IdCardNumber? number, out FieldError? error, string field = "id_card")
    {
        number = null;
        error = null;
        var masked = Masking.IdCard(text);
        if (string.IsNullOrEmpty(text))
        {
            error = new FieldError(field, masked, "is empty", Rule);
            return false;
        }
        var value = text.Length == 18 && text[17] == 'x' ? string.Concat(text.AsSpan(0, 17), "X") : text;
        if (value.Length != 18)
        {
            error = new FieldError(field, masked, $"has {value.Length} characters; expected 18", Rule);
            return false;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                error = new FieldError(field, masked, $"character {i + 1} is not a digit; only the last may be X", Rule);
                return false;
            }
        }
        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X')
        {
            error = new FieldError(field, masked, "the check character must be a digit or X", Rule);
            return false;
        }
        var province = ((value[0] - '0') * 10) + (value[1] - '0');
        if (!ProvincePrefixes.Contains(province))
        {
            error = new FieldError(field, masked, "the region code (行政区划代码) does not start with a province code", Rule);
            return false;
        }
        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900)
        {
            error = new FieldError(field, masked, "the embedded birth date (出生日期) is not a valid date from 1900 on", Rule);
            return false;
        }
        if (value.AsSpan(14, 3).SequenceEqual("000"))
        {
            error = new FieldError(field, masked, "the sequence code (顺序码) 000 is not issued", Rule);
            return false;
        }
        if (ComputeCheckCharacter(value.AsSpan(0, 17)) != value[17])
        {
            error = new FieldError(field, masked, "the check character (校验码) does not match", Rule);
            return false;
        }
        number = new IdCardNumber(value, birth);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> (the message carries only the masked value).</summary>
    public static IdCardNumber Parse(string text) =>
        TryParse(text, out var n, out var e) ? n! : throw new FormatException(e!.ToString());

    /// <summary>Builds a valid number from region code, birth date and sequence (1–999), computing the check character.</summary>
    public static IdCardNumber Create(string regionCode, DateOnly birthDate, int sequence)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{regionCode}{birthDate:yyyyMMdd}{sequence:000}");
        return Parse(first17 + ComputeCheckCharacter(first17));
    }

    /// <inheritdoc />
    public bool Equals(IdCardNumber? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IdCardNumber);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The masked form; never the full number.</summary>
    public override string ToString() => Masked;
}
