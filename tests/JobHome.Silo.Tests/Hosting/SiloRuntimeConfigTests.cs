using System.Text.Json;

namespace JobHome.Silo.Tests.Hosting;

/// <summary>
/// The runtime settings the silo is built with (its runtimeconfig.json, next to JobHome.Silo.dll), which the measurements
/// in docs/benchmarks.md chose: Server GC without DATAS, and thread-pool workers that sleep instead of spinning.
/// </summary>
public sealed class SiloRuntimeConfigTests
{
    [Fact]
    public void RuntimeConfig_ServerGcWithoutDatasAndNoSpinningWorkers()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "JobHome.Silo.runtimeconfig.json");
        Assert.True(File.Exists(path), $"the silo's runtime configuration is missing: {path}");

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
