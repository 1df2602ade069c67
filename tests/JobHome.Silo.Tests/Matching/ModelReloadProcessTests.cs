using System.Diagnostics;
using System.Text;
using System.Text.Json;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Matching;

/// <summary>
/// <c>JobHome:Matching:ModelPath</c> in the real silo process: loaded at start, a new file swapped in while it runs, a corrupt
/// one kept out with one error line, a bad setting refused at start. Cross-process effects are polled with a deadline.
/// </summary>
public sealed class ModelReloadProcessTests : IDisposable
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("jobhome-model-process-").FullName;

    private string ModelPath => Path.Combine(_dir, "model.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunningSilo_NewThenCorruptFile_SwapsThenKeepsWithOneError()
    {
        var first = Write(ScoringModel.FromWeights(0.5, 0.2, 0.1, 0.1, 0.1).ToJson());
        using var silo = SiloProcess.Start($"--JobHome:Matching:ModelPath={ModelPath}", "--JobHome:Matching:PollInterval=1");
        await silo.WaitUntilReadyAsync(Ready);

        var loaded = await ModelAsync(silo);
        Assert.Equal(first, loaded.GetProperty("version").GetString());
        Assert.Equal("aware", loaded.GetProperty("lists").GetString());

        var second = Write(ScoringModel.FromWeights(0.1, 0.1, 0.1, 0.6, 0.1).ToJson());
        var swapped = await UntilAsync(silo, m => m.GetProperty("version").GetString() == second);
        Assert.Equal(0.6, swapped.GetProperty("weights").GetProperty("distance").GetDouble(), 6);

        Write("PK\u0003\u0004 not really a zip");
        var kept = await UntilAsync(silo, m => m.GetProperty("error").ValueKind == JsonValueKind.String);
        Assert.Equal(second, kept.GetProperty("version").GetString());
        Assert.StartsWith("model file model.json is not a valid model (模型文件无效): model bundle: not a valid ZIP archive",
            kept.GetProperty("error").GetString(), StringComparison.Ordinal);
        await UntilAsync(silo, m => m.GetProperty("checkedAt").GetDateTimeOffset() > kept.GetProperty("checkedAt").GetDateTimeOffset()
            .AddSeconds(2));
        var log = silo.StandardOutput + silo.StandardError;
        Assert.Single(log.Split('\n'), line => line.Contains("is not a valid model", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_BadListsSetting_ExitsWithConfigurationError()
    {
        using var silo = SiloProcess.Start("--JobHome:Matching:Lists=fast");

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains("JobHome silo cannot start: JobHome:Matching:Lists = 'fast': must be aware or plain", silo.StandardError,
            StringComparison.Ordinal);
    }

    private string Write(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var temp = ModelPath + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, ModelPath, overwrite: true);
        return text.StartsWith('{') ? TwoStageModel.Parse(bytes).Version : string.Empty;
    }

    private static async Task<JsonElement> ModelAsync(SiloProcess silo)
    {
        using var json = JsonDocument.Parse(await silo.Http.GetStringAsync(new Uri("/api/matching/model", UriKind.Relative)));
        return json.RootElement.Clone();
    }

    private static async Task<JsonElement> UntilAsync(SiloProcess silo, Func<JsonElement, bool> done)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var model = await ModelAsync(silo);
            if (done(model))
            {
                return model;
            }
            if (watch.Elapsed > Poll)
            {
                throw new TimeoutException($"the silo's model did not change as expected within {Poll}: {model}\n{silo.Describe()}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
