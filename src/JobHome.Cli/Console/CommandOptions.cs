using System.CommandLine;
using System.Globalization;

namespace JobHome.Cli.Console;

/// <summary>Options shared by several commands, with their validation, so each rule is written once.</summary>
internal static class CommandOptions
{
    /// <summary><c>--as-of YYYY-MM-DD</c>: reference date for ages; read it with <see cref="AsOfDate"/>.</summary>
    public static Option<string> AsOf()
    {
        var option = new Option<string>("--as-of") { Description = "Reference date for ages, YYYY-MM-DD; default: today (UTC)" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } text && !TryParseDate(text, out _))
            {
                result.AddError($"--as-of must be a date written YYYY-MM-DD, not \"{text}\"");
            }
        });
        return option;
    }

    /// <summary>The value of an <see cref="AsOf"/> option, or today (UTC) when it was not given.</summary>
    public static DateOnly AsOfDate(ParseResult parseResult, Option<string> asOf) =>
        parseResult.GetValue(asOf) is { } text && TryParseDate(text, out var date) ? date : DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary><c>--max-km K</c>: a positive commuting limit in km. Default: 15.</summary>
    public static Option<double> MaxKm(string description)
    {
        var option = new Option<double>("--max-km") { Description = description, DefaultValueFactory = _ => 15.0 };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value <= 0)
            {
                result.AddError("--max-km must be a positive number of kilometres");
            }
        });
        return option;
    }

    /// <summary>
    /// Refuses values of <paramref name="option"/> outside <paramref name="min"/>..<paramref name="max"/> with
    /// "NAME must be between MIN and MAX[ UNIT], got VALUE" (a usage error, exit 1); returns the option.
    /// </summary>
    public static Option<int> Between(this Option<int> option, int min, int max, string? unit = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        var suffix = unit is null ? string.Empty : " " + unit;
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"{option.Name} must be between {min} and {max}{suffix}, got {value}"));
            }
        });
        return option;
    }

    /// <summary>
    /// An option whose values are the names of <typeparamref name="TEnum"/> written in lower case (<c>score</c>,
    /// <c>placements</c>); numbers and other names are refused.
    /// </summary>
    public static Option<TEnum> Choice<TEnum>(string name, string description, TEnum defaultValue)
        where TEnum : struct, Enum
    {
        var names = Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToArray();
        var option = new Option<TEnum>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            HelpName = string.Join('|', names),
        };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!names.Contains(token.Value, StringComparer.Ordinal))
                {
                    result.AddError($"{name} must be one of {string.Join('|', names)}, not \"{token.Value}\"");
                }
            }
        });
        return option;
    }

    /// <summary>Parses YYYY-MM-DD.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
