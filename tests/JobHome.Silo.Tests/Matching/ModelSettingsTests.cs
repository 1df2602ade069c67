using JobHome.Matching.Congestion;
using JobHome.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace JobHome.Silo.Tests.Matching;

/// <summary><c>JobHome:Matching</c>: documented defaults, and errors naming key, value and rule.</summary>
public sealed class ModelSettingsTests
{
    [Fact]
    public void ReadSettings_Empty_AwareListsNoFileDocumentedIntervals()
    {
        var (options, lists) = ModelEndpoints.ReadSettings(Configuration());

        Assert.Null(options.ModelPath);
        Assert.Equal(TimeSpan.FromSeconds(10), options.PollInterval);
        Assert.Equal(PostListKind.Aware, lists.Lists);
        Assert.Equal(TimeSpan.FromSeconds(60), lists.PriceInterval);
        Assert.Equal(4096, lists.PricingSample);
    }

    [Fact]
    public void ReadSettings_AllGiven_TakesThem()
    {
        var (options, lists) = ModelEndpoints.ReadSettings(Configuration(
            ("ModelPath", "/models/model.zip"), ("PollInterval", "00:00:30"), ("Lists", "Plain"), ("PriceInterval", "5"),
            ("PricingSample", "1000")));

        Assert.Equal("/models/model.zip", options.ModelPath);
        Assert.Equal(TimeSpan.FromSeconds(30), options.PollInterval);
        Assert.Equal(PostListKind.Plain, lists.Lists);
        Assert.Equal(TimeSpan.FromSeconds(5), lists.PriceInterval);
        Assert.Equal(1000, lists.PricingSample);
    }

    [Fact]
    public void ReadSettings_BadValues_OneErrorPerKeyNamingValueAndRule()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => ModelEndpoints.ReadSettings(Configuration(
            ("PollInterval", "0"), ("Lists", "fast"), ("PriceInterval", "2:00:00"), ("PricingSample", "0"))));

        // The texts of SettingReader, as every other silo setting words them (the range shown, a final stop).
        Assert.Equal(
        [
            "JobHome:Matching:PollInterval = '0': must be whole seconds, milliseconds (250ms) or hh:mm:ss from 1 s to 1 h "
                + "(模型检查间隔).",
            "JobHome:Matching:PriceInterval = '2:00:00': must be whole seconds, milliseconds (250ms) or hh:mm:ss from 1 s to 1 h "
                + "(岗位竞争价更新间隔).",
            "JobHome:Matching:Lists = 'fast': must be aware or plain (推荐列表类型: aware 竞争感知 / plain 按得分).",
            "JobHome:Matching:PricingSample = '0': must be a whole number from 1 to 2,147,483,647 (定价样本人数).",
        ], error.Errors);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"JobHome:Matching:{v.Key}", v.Value)))
            .Build();
}
