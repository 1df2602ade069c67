using JobHome.Silo.Tests.Fixtures;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JobHome.Grains.Hosting;
using JobHome.Grains.Matching;
using JobHome.Grains.Posts;
using JobHome.Matching.Congestion;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;
using JobHome.Silo.Api;
using JobHome.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Silo.Tests.Matching;

/// <summary>
/// The live post lists under <c>JobHome:Matching:ModelPath</c>: an in-process silo whose model file watcher polls on a
/// fake clock, the matching endpoints on a test server. Seeker S at the door of post "near" (same minor occupation group)
/// and 8 km from post "far" (the exact occupation): occupation-heavy weights put far first, distance-heavy ones near.
/// </summary>
public sealed class ModelReloadTests : IAsyncLifetime
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("jobhome-model-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private InMemorySilo _silo = null!;
    private HttpClient _http = null!;

    private string ModelPath => Path.Combine(_dir, "model.bin");

    private ModelCatalog Catalog => _silo.GetService<ModelCatalog>();

    private ModelFileWatcher Watcher => _silo.GetService<ModelFileWatcher>();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        WriteAtomically(ScoringModel.FromWeights(0.6, 0.1, 0.1, 0.1, 0.1).ToJson());
        _silo = await InMemorySilo.StartAsync(services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            // These tests are about the model; AwareListTests covers the congestion-aware order.
            services.AddSingleton(new AwareListOptions { Lists = PostListKind.Plain });
            services.AddJobHomeGrains();
            services.AddJobHomeModelReload(new ModelReloadOptions { ModelPath = ModelPath, PollInterval = Poll });
        });
        _http = await _silo.StartApiAsync(
            app =>
            {
                app.MapMatchingEndpoints();
                app.MapModelEndpoints();
            },
            services =>
            {
                services.AddSingleton(Catalog);
                services.AddSingleton(Watcher);
            });
        await SeekerAndPostsAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task NewModelFile_AfterPoll_ListReordersWithoutRestart()
    {
        Assert.Equal(new List<string> { "far", "near" }, await ListAsync());
        var before = await ModelAsync();

        var swapped = SwapBarrier();
        WriteAtomically(ScoringModel.FromWeights(0.05, 0.05, 0.05, 0.8, 0.05).ToJson());
        _time.Advance(Poll);
        var model = await swapped.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new List<string> { "near", "far" }, await ListAsync());
        var after = await ModelAsync();
        Assert.Equal(model.Version, after.GetProperty("version").GetString());
        Assert.NotEqual(before.GetProperty("version").GetString(), after.GetProperty("version").GetString());
        Assert.Equal(0.8, after.GetProperty("weights").GetProperty("distance").GetDouble(), 6);
        Assert.False(after.GetProperty("reranker").GetBoolean());
    }

    [Fact]
    public async Task CorruptModelFile_KeepsOldModelAndSaysWhy()
    {
        Assert.Equal(new List<string> { "far", "near" }, await ListAsync());
        var version = Catalog.Current.Version;

        WriteAtomically("{ \"version\": 1, \"weights\": { \"occupation\": ");
        Assert.False(Watcher.CheckNow());
        var firstError = Watcher.LastError;
        Assert.False(Watcher.CheckNow());

        Assert.Equal(version, Catalog.Current.Version);
        Assert.Equal(new List<string> { "far", "near" }, await ListAsync());
        var model = await ModelAsync();
        Assert.Equal(version, model.GetProperty("version").GetString());
        var error = model.GetProperty("error").GetString();
        Assert.Equal(firstError, error);
        Assert.StartsWith("model file model.bin is not a valid model (模型文件无效): ", error, StringComparison.Ordinal);
        Assert.EndsWith($"; keeping model {version}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BundleWithReranker_ReordersLinearTopAndExplainsByTrees()
    {
        WriteBundle(ScoringModel.FromWeights(0.6, 0.1, 0.1, 0.1, 0.1));
        // CheckNow swaps in the calling thread: the catalogue holds the bundle when it returns.
        Assert.True(Watcher.CheckNow());
        Assert.NotNull(Catalog.Current.Reranker);

        using var json = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/seekers/seeker-r1/recommendations", UriKind.Relative)));
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(["near", "far"], items.Select(i => i.GetProperty("postId").GetString()));
        Assert.Equal("commute_share", items[0].GetProperty("factors")[0].GetProperty("factor").GetString());
        Assert.StartsWith("通勤占比 0 (+1.00)", items[0].GetProperty("factors")[0].GetProperty("chinese").GetString(), StringComparison.Ordinal);
        Assert.InRange(items[0].GetProperty("score").GetDouble(), 0, 1);
        Assert.True((await ModelAsync()).GetProperty("reranker").GetBoolean());
    }

    private Task<JobHome.Matching.Model.TwoStageModel> SwapBarrier()
    {
        var swapped = new TaskCompletionSource<JobHome.Matching.Model.TwoStageModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        Catalog.Swapped += model => swapped.TrySetResult(model);
        return swapped.Task;
    }

    private async Task<List<string>> ListAsync()
    {
        var body = await _http.GetFromJsonAsync<MatchingEndpoints.RecommendationsResponse>(
            new Uri("/api/seekers/seeker-r1/recommendations", UriKind.Relative));
        return [.. body!.Items.Select(i => i.PostId)];
    }

    private async Task<JsonElement> ModelAsync()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/matching/model", UriKind.Relative)));
        return json.RootElement.Clone();
    }

    // As an operator should: a temporary file renamed over the old one.
    private void WriteAtomically(string text) => WriteAtomically(Encoding.UTF8.GetBytes(text));

    private void WriteAtomically(byte[] bytes)
    {
        var temp = ModelPath + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, ModelPath, overwrite: true);
    }

    private void WriteBundle(ScoringModel linear)
    {
        var trees = new TreeEnsemble(
            [new RegressionTreeData(1.0, [(int)RerankFeature.CommuteShare], [0.2f], [~0], [~1], [1.0, 0.0])],
            bias: 0,
            baseline: Enumerable.Repeat(0.5f, RerankFeatureNames.Count).ToArray());
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("linear.json", linear.ToJson()), ("trees.json", trees.ToJson()) })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        WriteAtomically(buffer.ToArray());
    }

    private async Task SeekerAndPostsAsync()
    {
        var client = _silo.Client;
        await TestSiteTree.RegisterAsync(client, "R");
        await TestMarket.RegisterEmployerAsync(client, "VR");
        var far = TestMarket.WelderPost("VR", "6-25-04-01", 2, lat: 25.472);
        var near = TestMarket.WelderPost("VR", "6-25-04-02", 2);
        Assert.True((await client.GetGrain<IPostGrain>("far").OpenAsync(far)).Succeeded);
        Assert.True((await client.GetGrain<IPostGrain>("near").OpenAsync(near)).Succeeded);
        await TestMarket.RegisterAsync(client, "seeker-r1", TestMarket.Welder("VR", 7, "6-25-04-01"));
    }
}
