using JobHome.Grains.Hosting;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Storage.Sqlite;
using Orleans.Configuration;

namespace JobHome.Silo.Hosting;

/// <summary>
/// The host's lines on the matching and embedded-store settings in effect (event id 1010) and on Orleans' activation
/// collection as its options hold it (1011), and on the slow grain call threshold the call timings use (1012).
/// </summary>
internal static partial class SiloTuningLog
{
    /// <summary>Logs <paramref name="matching"/> and, with the embedded store, <paramref name="sqlite"/>.</summary>
    public static void InEffect(ILogger logger, MatchingOptions matching, SqliteStoreOptions? sqlite)
    {
        var store = sqlite is null
            ? "PostgreSQL"
            : $"SQLite synchronous {sqlite.Synchronous}, batches of at most {sqlite.MaxBatchSize}, busy timeout "
                + $"{sqlite.BusyTimeout.TotalSeconds:0.###} s, writer cache {sqlite.WriterCacheKib} KiB "
                + $"({sqlite.SmallFileWriterCacheKib} KiB under 1 GiB), "
                + $"WAL checkpoint every {sqlite.WalAutocheckpointPages} pages";
        Settings(logger, matching.CellDegrees, matching.MaxKm, matching.UrbanMaxKm?.ToString("0.##",
            System.Globalization.CultureInfo.InvariantCulture) ?? "same", matching.PostListSize,
            matching.PostListRefreshDelay.TotalMilliseconds, matching.StaleNoticeWindow.TotalMilliseconds, matching.TopFactors,
            matching.RebuildBatchSize, matching.RebuildPause.TotalMilliseconds, matching.RebuildReadsInFlight,
            matching.PushBatch, matching.ListenFor.TotalSeconds, store);
    }

    /// <summary>Logs the idle ages and the shedding limit Orleans' collector runs with (from its options).</summary>
    public static void CollectionInEffect(ILogger logger, GrainCollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var recordAge = options.ClassSpecificCollectionAge.TryGetValue(typeof(SeekerGrain).FullName!, out var age)
            ? age
            : options.CollectionAge;
        var shedding = options.EnableActivationSheddingOnMemoryPressure
            ? $"above {options.MemoryUsageLimitPercentage:0.#} % of the memory the runtime sees, down to "
                + $"{options.MemoryUsageTargetPercentage:0.#} %"
            : "off";
        Collection(logger, recordAge.TotalSeconds, ActivationOptions.RecordGrainClasses.Count, options.CollectionAge.TotalSeconds,
            options.CollectionQuantum.TotalSeconds, shedding);
    }

    /// <summary>Logs the threshold over which <c>GrainCallTiming</c> counts and logs a grain call as slow.</summary>
    [LoggerMessage(EventId = 1012, Level = LogLevel.Information,
        Message = "Diagnostics: grain calls over {ThresholdMs} ms are logged as slow (event 1201) and counted in "
            + "jobhome_grain_call_slow_calls_total")]
    public static partial void SlowCallThreshold(ILogger logger, double thresholdMs);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information,
        Message = "Activations: record grains ({RecordKinds} kinds) collected after {RecordAgeS} s idle, others after {DefaultAgeS} s, "
            + "swept every {QuantumS} s; shedding on memory pressure: {Shedding}")]
    private static partial void Collection(ILogger logger, double recordAgeS, int recordKinds, double defaultAgeS, double quantumS,
        string shedding);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information,
        Message = "Settings: matching cells of {CellDegrees}°, commute {MaxKm} km (urban {UrbanMaxKm}), post lists of {PostListSize}, "
            + "refresh delay {RefreshMs} ms, notice window {NoticeMs} ms, {TopFactors} factors, rebuild batches of {RebuildBatch} "
            + "with {RebuildPauseMs} ms pauses and {RebuildReads} reads in flight, {PushBatch} pushed lists per "
            + "partition turn, lists kept fresh {ListenForSeconds} s after a read; store: {Store}")]
    private static partial void Settings(ILogger logger, double cellDegrees, double maxKm, string urbanMaxKm, int postListSize,
        double refreshMs, double noticeMs, int topFactors, int rebuildBatch, double rebuildPauseMs, int rebuildReads,
        int pushBatch, double listenForSeconds, string store);
}
