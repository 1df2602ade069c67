using System.Globalization;
using JobHome.Grains.Matching;
using JobHome.Matching.Scoring;
using JobHome.Storage.Sqlite;

namespace JobHome.Silo.Hosting;

/// <summary>
/// Reads <see cref="MatchingOptions"/> and <see cref="SqliteStoreOptions"/> from configuration (appsettings, environment,
/// command line) and checks every value, so a bad one stops the host before it starts with a message naming the key, the
/// value and the rule (exit code 2), never an exception from deep inside a grain. A key left out keeps the class's default.
/// </summary>
internal static class SiloTuningReader
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Reads and validates both sections; throws <see cref="SiloConfigurationException"/> listing every bad value.</summary>
    public static SiloTuning Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var m = new Reader(configuration.GetSection(SiloTuning.MatchingSection), errors);
        var md = new MatchingOptions();
        var matching = new MatchingOptions
        {
            CellDegrees = m.Number(nameof(md.CellDegrees), md.CellDegrees, 0.01, 10, "分区格大小, 度"),
            MaxKm = m.Number(nameof(md.MaxKm), md.MaxKm, 0.1, 500, "通勤距离上限, 公里"),
            UrbanMaxKm = m.OptionalNumber(nameof(md.UrbanMaxKm), 0.1, 500, "城镇通勤距离上限, 公里"),
            PostListSize = m.Whole(nameof(md.PostListSize), md.PostListSize, 1, 1_000, "推荐列表长度"),
            PostListRefreshDelay = m.Duration(nameof(md.PostListRefreshDelay), md.PostListRefreshDelay, TimeSpan.Zero,
                TimeSpan.FromMinutes(1), "推荐列表刷新延迟"),
            StaleNoticeWindow = m.Duration(nameof(md.StaleNoticeWindow), md.StaleNoticeWindow, TimeSpan.Zero,
                TimeSpan.FromSeconds(10), "推荐列表过期通知合并窗口"),
            TopFactors = m.Whole(nameof(md.TopFactors), md.TopFactors, 0, FactorVector.Count, "推荐理由个数"),
            RebuildBatchSize = m.Whole(nameof(md.RebuildBatchSize), md.RebuildBatchSize, 1, 100_000, "重建批大小"),
            RebuildPause = m.Duration(nameof(md.RebuildPause), md.RebuildPause, TimeSpan.Zero, TimeSpan.FromSeconds(10),
                "重建步间隔"),
            RebuildReadsInFlight = m.Whole(nameof(md.RebuildReadsInFlight), md.RebuildReadsInFlight, 1, 1_024, "重建并发读取数"),
        };
        var s = new Reader(configuration.GetSection(SiloTuning.SqliteSection), errors);
        var sd = new SqliteStoreOptions();
        var sqlite = new SqliteStoreOptions
        {
            Synchronous = s.Synchronous(nameof(sd.Synchronous), sd.Synchronous),
            MaxBatchSize = s.Whole(nameof(sd.MaxBatchSize), sd.MaxBatchSize, 1, 100_000, "写入批大小"),
            BusyTimeout = s.Duration(nameof(sd.BusyTimeout), sd.BusyTimeout, TimeSpan.FromSeconds(1), Hour, "锁等待超时"),
            WriterCacheKib = s.Whole(nameof(sd.WriterCacheKib), sd.WriterCacheKib, 1_024, 16 * 1024 * 1024, "写连接页缓存, KiB"),
            WalAutocheckpointPages = s.Whole(nameof(sd.WalAutocheckpointPages), sd.WalAutocheckpointPages, 0, 10_000_000,
                "WAL 自动检查点页数"),
        };
        if (errors.Count > 0)
        {
            throw new SiloConfigurationException(errors);
        }
        return new SiloTuning(matching, sqlite);
    }

    // One section's values: each read returns the default (and records an error) when the value breaks its rule.
    private sealed class Reader(IConfigurationSection section, List<string> errors)
    {
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

        public double Number(string name, double fallback, double min, double max, string term) =>
            Text(name) is { } text ? Parse(name, text, min, max, term) ?? fallback : fallback;

        public double? OptionalNumber(string name, double min, double max, string term) =>
            Text(name) is { } text ? Parse(name, text, min, max, term) : null;

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
}
