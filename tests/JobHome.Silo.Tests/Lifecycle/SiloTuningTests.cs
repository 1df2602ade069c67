using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Lifecycle;

/// <summary>
/// The matching (<c>JobHome:Matching</c>), embedded-store (<c>JobHome:Sqlite</c>) and activation
/// (<c>JobHome:Activations</c>) settings are read from the command line, environment or appsettings: a bad value stops
/// the silo before it starts, naming the key, the value and the rule; good values are the ones the grains and the store get (the host logs them from its service container).
/// </summary>
public sealed class SiloTuningTests
{
    private const int InvalidConfiguration = 2;

    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("--JobHome:Matching:PostListSize=0",
        "JobHome:Matching:PostListSize = '0': must be a whole number from 1 to 1,000 (推荐列表长度).")]
    [InlineData("--JobHome:Matching:StaleNoticeWindow=1h",
        "JobHome:Matching:StaleNoticeWindow = '1h': must be whole seconds, milliseconds (250ms) or hh:mm:ss "
        + "from 0 to 10 s (推荐列表过期通知合并窗口).")]
    [InlineData("--JobHome:Matching:TopFactors=9",
        "JobHome:Matching:TopFactors = '9': must be a whole number from 0 to 5 (推荐理由个数).")]
    [InlineData("--JobHome:Matching:PushBatch=0",
        "JobHome:Matching:PushBatch = '0': must be a whole number from 1 to 4,096 (每轮推送列表数).")]
    [InlineData("--JobHome:Matching:ListenFor=0",
        "JobHome:Matching:ListenFor = '0': must be whole seconds, milliseconds (250ms) or hh:mm:ss "
        + "from 1 s to 24 h (推荐列表保鲜时长).")]
    [InlineData("--JobHome:Sqlite:Synchronous=off", "JobHome:Sqlite:Synchronous = 'off': must be normal or full")]
    [InlineData("--JobHome:Sqlite:MaxBatchSize=lots",
        "JobHome:Sqlite:MaxBatchSize = 'lots': must be a whole number from 1 to 100,000 (写入批大小).")]
    [InlineData("--JobHome:Activations:RecordAge=10",
        "JobHome:Activations:RecordAge = '10': must be whole seconds, milliseconds (250ms) or hh:mm:ss "
        + "from 1 min to 24 h (记录类 grain 空闲回收时间).")]
    [InlineData("--JobHome:Activations:ShedAboveMib=-1",
        "JobHome:Activations:ShedAboveMib = '-1': must be a whole number from 0 to 1,048,576 (内存压力卸载阈值, MiB; 0 关闭).")]
    [InlineData("--JobHome:Diagnostics:SlowCallThreshold=5ms",
        "JobHome:Diagnostics:SlowCallThreshold = '5ms': must be whole seconds, milliseconds (250ms) or hh:mm:ss "
        + "from 10 ms to 1 h (慢调用阈值).")]
    public async Task Start_InvalidTuning_ExitsAtOnceNamingKeyValueAndRule(string argument, string message)
    {
        using var silo = SiloProcess.Start(argument);

        var exitCode = await silo.WaitForExitAsync(ExitDeadline);

        Assert.True(exitCode == InvalidConfiguration, $"exit code {exitCode}\n{silo.Describe()}");
        var lines = silo.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith($"JobHome silo cannot start: {message}", Assert.Single(lines), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_GoodTuningFromCommandLineAndEnvironment_IsWhatTheSiloRunsWith()
    {
        using var silo = SiloProcess.Start(
            new Dictionary<string, string> { ["JobHome__Sqlite__MaxBatchSize"] = "256" },
            "--JobHome:Matching:PostListSize=7", "--JobHome:Matching:StaleNoticeWindow=250ms",
            "--JobHome:Matching:PushBatch=2", "--JobHome:Matching:ListenFor=00:02:00", "--JobHome:Sqlite:Synchronous=normal",
            "--JobHome:Activations:RecordAge=00:03:00", "--JobHome:Activations:ShedAboveMib=0",
            "--JobHome:Diagnostics:SlowCallThreshold=250ms", "--JobHome:Sqlite:SmallFileWriterCacheKib=4096");

        await silo.WaitUntilReadyAsync();

        var settings = silo.StandardOutput.Split('\n').SingleOrDefault(l => l.Contains("Settings: matching", StringComparison.Ordinal));
        Assert.True(settings is not null, $"no settings line\n{silo.Describe()}");
        Assert.Contains("post lists of 7,", settings, StringComparison.Ordinal);
        Assert.Contains("notice window 250 ms", settings, StringComparison.Ordinal);
        Assert.Contains("2 pushed lists per partition turn, lists kept fresh 120 s after a read", settings, StringComparison.Ordinal);
        Assert.Contains("SQLite synchronous Normal, batches of at most 256,", settings, StringComparison.Ordinal);
        // Keys left out keep their defaults.
        Assert.Contains("3 factors", settings, StringComparison.Ordinal);
        Assert.Contains("writer cache 262144 KiB (4096 KiB under 1 GiB)", settings, StringComparison.Ordinal);
        // The store sized its writer's cache for the new (small) file.
        Assert.Contains("writer cache 4096 KiB (file ", silo.StandardOutput, StringComparison.Ordinal);
        // The activation line is read back from Orleans' own collection options.
        var activations = silo.StandardOutput.Split('\n').SingleOrDefault(l => l.Contains("Activations: record", StringComparison.Ordinal));
        Assert.True(activations is not null, $"no activations line\n{silo.Describe()}");
        Assert.Contains("collected after 180 s idle, others after 900 s", activations, StringComparison.Ordinal);
        Assert.Contains("shedding on memory pressure: off", activations, StringComparison.Ordinal);
        Assert.Contains("Diagnostics: grain calls over 250 ms are logged as slow", silo.StandardOutput, StringComparison.Ordinal);
    }
}
