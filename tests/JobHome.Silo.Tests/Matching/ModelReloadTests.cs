using JobHome.Silo.Tests.Fixtures;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JobHome.Domain.Employers;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Grains.Employers;
using JobHome.Grains.Hosting;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Matching.Congestion;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;
using JobHome.Silo.Api;
using JobHome.Silo.Hosting;
using JobHome.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

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
    private InProcessTestCluster _cluster = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    private string ModelPath => Path.Combine(_dir, "model.bin");

    private ModelCatalog Catalog => _cluster.Silos[0].ServiceProvider.GetRequiredService<ModelCatalog>();

    private ModelFileWatcher Watcher => _cluster.Silos[0].ServiceProvider.GetRequiredService<ModelFileWatcher>();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        WriteAtomically(ScoringModel.FromWeights(0.6, 0.1, 0.1, 0.1, 0.1).ToJson());
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
            silo.UseInMemoryReminderService();
            silo.AddMemoryStreams(StorageNames.Streams);
            silo.Services.AddSingleton<TimeProvider>(_time);
            // These tests are about the model; AwareListTests covers the congestion-aware order.
            silo.Services.AddSingleton(new AwareListOptions { Lists = PostListKind.Plain });
            silo.Services.AddJobHomeGrains();
            silo.Services.AddJobHomeModelReload(new ModelReloadOptions { ModelPath = ModelPath, PollInterval = Poll });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseTestServer();
        web.Services.AddSingleton(_cluster.Client);
        web.Services.AddSingleton(Catalog);
        web.Services.AddSingleton(Watcher);
        web.Services.AddProblemDetails();
        _app = web.Build();
        _app.MapMatchingEndpoints();
        _app.MapModelEndpoints();
        await _app.StartAsync();
        _http = _app.GetTestClient();
        await SeekerAndPostsAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _cluster.DisposeAsync();
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
        var client = _cluster.Client;
        await TestSiteTree.RegisterAsync(client, "R");
        var employer = UnifiedSocialCreditCode.Create("91360722000000017").Value;
        Assert.True((await client.GetGrain<IEmployerGrain>(employer).RegisterAsync(new EmployerProfile("测试公司", "VR", 25.4, 114.9))).Succeeded);
        var far = new PostProfile("VR", employer, "焊工", "6-25-04-01", 2, 6000, 7000, 25.472, 114.9, WorkKind.FullTime) { Skills = ["焊接"] };
        var near = new PostProfile("VR", employer, "焊工", "6-25-04-02", 2, 6000, 7000, 25.4, 114.9, WorkKind.FullTime) { Skills = ["焊接"] };
        Assert.True((await client.GetGrain<IPostGrain>("far").OpenAsync(far)).Succeeded);
        Assert.True((await client.GetGrain<IPostGrain>("near").OpenAsync(near)).Succeeded);
        var birth = new DateOnly(1990, 4, 2);
        var idCard = IdCardNumber.Create("360722", birth, 7);
        var registration = new SeekerRegistration("VR", "李明", idCard.RevealFullNumber(), birth, idCard.Gender, EducationLevel.Senior,
            LabourStatus.Unemployed, new DateOnly(2026, 1, 5))
        {
            Occupations = ["6-25-04-01"],
            Skills = ["焊接"],
            ExpectedPayMin = 5000m,
            Lat = 25.4,
            Lon = 114.9,
        };
        var registered = await client.GetGrain<ISeekerGrain>("seeker-r1").RegisterAsync(registration);
        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors));
    }
}
