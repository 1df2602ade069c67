using JobHome.Domain.Validation;

namespace JobHome.Domain.Employers;

/// <summary>
/// A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
/// <c>0-9A-HJ-NPQRTUWXY</c> (no I, O, Z, S, V); registration authority, entity type, 6-digit region code,
/// 9-character organisation code and a check character (校验码).
/// </summary>
public readonly record struct UnifiedSocialCreditCode
{
    /// <summary>The 31 allowed characters in value order 0–30.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private const string Rule = "GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters of 0-9A-HJ-NPQRTUWXY, check " +
        "character (校验码) = 31 - (Σ value×weight mod 31)";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private UnifiedSocialCreditCode(string value) => Value = value;

    /// <summary>The 18-character code (not personal data; shown in full).</summary>
    public string Value { get; }

    /// <summary>The 6-digit region code (登记管理机关行政区划码), characters 3–8.</summary>
    public string RegionCode => Value[2..8];

    /// <summary>Computes the check character for the first 17 characters.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("exactly 17 characters are needed", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (v < 0)
            {
                throw new ArgumentException($"character '{first17[i]}' is not in the code alphabet", nameof(first17));
            }
            sum += v * Weights[i];
        }
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Parses and validates (upper-case only); on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out UnifiedSocialCreditCode code, out FieldError? error, string field = "credit_code")
    {
        code = default;
        error = null;
        var shown = text ?? string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            error = new FieldError(field, shown, "is empty", Rule);
            return false;
        }
        if (text.Length != 18)
        {
            error = new FieldError(field, shown, $"has {text.Length} characters; expected 18", Rule);
            return false;
        }
        for (var i = 0; i < 18; i++)
        {
            if (Alphabet.IndexOf(text[i], StringComparison.Ordinal) < 0)
            {
                error = new FieldError(field, shown,
                    $"character {i + 1} '{text[i]}' is not allowed (I, O, Z, S, V and lower case are excluded)", Rule);
                return false;
            }
        }
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                error = new FieldError(field, shown, "characters 3–8 must be the 6-digit region code (行政区划码)", Rule);
                return false;
            }
        }
        if (ComputeCheckCharacter(text.AsSpan(0, 17)) != text[17])
        {
            error = new FieldError(field, shown, "the check character (校验码) does not match", Rule);
            return false;
        }
        code = new UnifiedSocialCreditCode(text);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static UnifiedSocialCreditCode Parse(string text) =>
        TryParse(text, out var c, out var e) ? c : throw new FormatException(e!.ToString());

    /// <summary>Builds a valid code from its first 17 characters by appending the check character.</summary>
    public static UnifiedSocialCreditCode Create(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        return Parse(first17 + ComputeCheckCharacter(first17));
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
