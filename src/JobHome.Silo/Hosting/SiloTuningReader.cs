using JobHome.Grains.Diagnostics;
using JobHome.Grains.Hosting;
using JobHome.Grains.Matching;
using JobHome.Matching.Scoring;
using JobHome.Storage.Sqlite;

namespace JobHome.Silo.Hosting;

/// <summary>
/// Reads <see cref="MatchingOptions"/>, <see cref="SqliteStoreOptions"/> and <see cref="ActivationOptions"/> from
/// configuration (appsettings, environment, command line) and checks every value, so a bad one stops the host before it
/// starts with a message naming the key, the value and the rule (exit code 2), never an exception from deep inside a
/// grain. A key left out keeps the class's default.
/// </summary>
internal static class SiloTuningReader
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Reads and validates the sections; throws <see cref="SiloConfigurationException"/> listing every bad value.</summary>
    public static SiloTuning Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var m = new SettingReader(configuration.GetSection(SiloTuning.MatchingSection), errors);
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
            PushBatch = m.Whole(nameof(md.PushBatch), md.PushBatch, 1, 4_096, "每轮推送列表数"),
            ListenFor = m.Duration(nameof(md.ListenFor), md.ListenFor, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24),
                "推荐列表保鲜时长"),
        };
        var s = new SettingReader(configuration.GetSection(SiloTuning.SqliteSection), errors);
        var sd = new SqliteStoreOptions();
        var sqlite = new SqliteStoreOptions
        {
            Synchronous = s.Synchronous(nameof(sd.Synchronous), sd.Synchronous),
            MaxBatchSize = s.Whole(nameof(sd.MaxBatchSize), sd.MaxBatchSize, 1, 100_000, "写入批大小"),
            BusyTimeout = s.Duration(nameof(sd.BusyTimeout), sd.BusyTimeout, TimeSpan.FromSeconds(1), Hour, "锁等待超时"),
            WriterCacheKib = s.Whole(nameof(sd.WriterCacheKib), sd.WriterCacheKib, 1_024, 16 * 1024 * 1024, "写连接页缓存, KiB"),
            SmallFileWriterCacheKib = s.Whole(nameof(sd.SmallFileWriterCacheKib), sd.SmallFileWriterCacheKib, 1_024, 16 * 1024 * 1024,
                "文件小于 1 GiB 时写连接页缓存, KiB"),
            WalAutocheckpointPages = s.Whole(nameof(sd.WalAutocheckpointPages), sd.WalAutocheckpointPages, 0, 10_000_000,
                "WAL 自动检查点页数"),
        };
        var a = new SettingReader(configuration.GetSection(SiloTuning.ActivationsSection), errors);
        var ad = new ActivationOptions();
        // A record grain must outlive its pending post-list refresh (a timer does not count as use) and Orleans' sweep.
        var minRecordAge = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, 2 * matching.PostListRefreshDelay.Ticks));
        var activations = new ActivationOptions
        {
            RecordAge = a.Duration(nameof(ad.RecordAge), ad.RecordAge, minRecordAge, Hour * 24, "记录类 grain 空闲回收时间"),
            DefaultAge = a.Duration(nameof(ad.DefaultAge), ad.DefaultAge, TimeSpan.FromMinutes(1), Hour * 24,
                "其他 grain 空闲回收时间"),
            ShedAboveMib = a.Whole(nameof(ad.ShedAboveMib), ad.ShedAboveMib, 0, 1024 * 1024, "内存压力卸载阈值, MiB; 0 关闭"),
        };
        var d = new SettingReader(configuration.GetSection(SiloTuning.DiagnosticsSection), errors);
        var dd = new GrainCallTimingOptions();
        var diagnostics = new GrainCallTimingOptions
        {
            SlowCallThreshold = d.Duration(nameof(dd.SlowCallThreshold), dd.SlowCallThreshold, TimeSpan.FromMilliseconds(10), Hour,
                "慢调用阈值"),
        };
        if (errors.Count > 0)
        {
            throw new SiloConfigurationException(errors);
        }
        return new SiloTuning(matching, sqlite, activations, diagnostics);
    }
}
