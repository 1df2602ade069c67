using System.Globalization;
using JobHome.Storage.Sqlite;

namespace JobHome.Silo.Hosting;

/// <summary>
/// One configuration section's values, each checked against its rule: a read returns the value, or the default and
/// records an error naming the key, the value and the rule (with the Chinese term), so that a host can list every bad
/// value at once (<see cref="SiloConfigurationException"/>).
/// </summary>
/// <param name="section">The section read.</param>
/// <param name="errors">Where the errors go.</param>
internal sealed class SettingReader(IConfigurationSection section, List<string> errors)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int Whole(string name, int fallback, int min, int max, string term)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }
        return Fail(name, text, $"must be a whole number from {Show(min)} to {Show(max)} ({term})", fallback);
    }

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public double Number(string name, double fallback, double min, double max, string term) =>
        Text(name) is { } text ? Parse(name, text, min, max, term) ?? fallback : fallback;

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, or null when the key is absent.</summary>
    public double? OptionalNumber(string name, double min, double max, string term) =>
        Text(name) is { } text ? Parse(name, text, min, max, term) : null;

    /// <summary>
    /// A duration (whole seconds, milliseconds as <c>250ms</c>, or hh:mm:ss) from <paramref name="min"/> to
    /// <paramref name="max"/>.
    /// </summary>
    public TimeSpan Duration(string name, TimeSpan fallback, TimeSpan min, TimeSpan max, string term)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }
        // Whole seconds ("30"), milliseconds ("250ms") or hh:mm:ss[.fff], as operators write any of them.
        TimeSpan? value = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : text.EndsWith("ms", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(text[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? TimeSpan.FromMilliseconds(ms)
                : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
        if (value is { } v && v >= min && v <= max)
        {
            return v;
        }
        return Fail(name, text, $"must be whole seconds, milliseconds (250ms) or hh:mm:ss from {Show(min)} to {Show(max)} ({term})",
            fallback);
    }

    /// <summary>A SQLite durability level (normal or full).</summary>
    public SqliteSynchronous Synchronous(string name, SqliteSynchronous fallback)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }
        if (Enum.TryParse<SqliteSynchronous>(text, ignoreCase: true, out var level) && Enum.IsDefined(level)
            && !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return level;
        }
        return Fail(name, text, "must be normal or full (同步级别: normal 进程被杀不丢 / full 断电不丢)", fallback);
    }

    private double? Parse(string name, string text, double min, double max, string term)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= min && x <= max)
        {
            return x;
        }
        return Fail<double?>(name, text, $"must be a number from {Show(min)} to {Show(max)} ({term})", null);
    }

    private string? Text(string name) => section[name] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private T Fail<T>(string name, string text, string rule, T fallback)
    {
        errors.Add($"{section.Path}:{name} = '{text}': {rule}.");
        return fallback;
    }

    private static string Show(double x) => x.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Show(TimeSpan t) =>
        t == TimeSpan.Zero ? "0"
        : t < TimeSpan.FromSeconds(1) ? $"{t.TotalMilliseconds:0} ms"
        : t < TimeSpan.FromMinutes(1) ? $"{t.TotalSeconds:0.###} s"
        : t < Hour ? $"{t.TotalMinutes:0.##} min"
        : $"{t.TotalHours:0.##} h";
}
