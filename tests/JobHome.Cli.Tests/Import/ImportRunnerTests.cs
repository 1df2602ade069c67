using System.Net;
using System.Text;
using JobHome.Cli.Console;
using JobHome.Cli.Http;
using JobHome.Cli.Import;

namespace JobHome.Cli.Tests.Import;

/// <summary>
/// <see cref="ImportRunner"/> against a scripted server: a batch the server does not answer in time (or answers with a
/// server error) makes each of its rows a reject in the rejects file, written at once, and the import goes on with the
/// next batch; a refused connection stops it.
/// </summary>
public sealed class ImportRunnerTests : IDisposable
{
    private static readonly Uri Base = new("http://jobhome.test/");
    private readonly string _dir = Directory.CreateTempSubdirectory("jobhome-import-runner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_OneBatchAnswers504_ItsRowsAreRejectsAndTheNextBatchIsSent()
    {
        WriteFiles("H1,360722101,S1\nH2,360722101,S2\nH3,360722101,S3\nH4,360722101,S4\n");
        var calls = 0;
        using var handler = new Scripted(_ => Interlocked.Increment(ref calls) == 1
            ? new HttpResponseMessage(HttpStatusCode.GatewayTimeout)
            : Json("""{"created":2,"existing":0,"rejected":0,"items":[]}"""));
        using var api = new ApiClient(Base, ApiCredentials.None, handler);
        var path = Path.Combine(_dir, "rejects.csv");
        IReadOnlyList<ImportRunner.FileTotals> totals;
        using (var rejects = ImportRejectsFile.Create(path))
        {
            totals = await new ImportRunner(api, _dir, 2, 1, new PlainPhaseProgress(TextWriter.Null), rejects).RunAsync(default);
            Assert.Equal(2, rejects.Count);
        }

        var households = Assert.Single(totals, t => t.File == "households.csv");
        Assert.Equal((2L, 2L), (households.Created, households.Rejected));
        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("households.csv,2,(record),,not confirmed: POST ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("households.csv,3,(record),,not confirmed: ", lines[2], StringComparison.Ordinal);
        Assert.Contains("run the import again", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task RunAsync_ServerUnreachable_StopsWithTheError()
    {
        WriteFiles("H1,360722101,S1\n");
        using var handler = new Scripted(_ => throw new HttpRequestException("Connection refused"));
        using var api = new ApiClient(Base, ApiCredentials.None, handler);
        using var rejects = ImportRejectsFile.Create(Path.Combine(_dir, "rejects.csv"));

        var error = await Assert.ThrowsAsync<ApiException>(() =>
            new ImportRunner(api, _dir, 2, 1, new PlainPhaseProgress(TextWriter.Null), rejects).RunAsync(default));
        Assert.Contains("cannot reach", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, rejects.Count);
    }

    // Every file with its header; only households.csv has rows (the other phases send nothing).
    private void WriteFiles(string households)
    {
        foreach (var (file, columns) in ImportRunner.Required)
        {
            var rows = file == "households.csv" ? households : string.Empty;
            File.WriteAllText(Path.Combine(_dir, file), string.Join(',', columns) + "\n" + rows, new UTF8Encoding(false));
        }
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private sealed class Scripted(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
