using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using JobHome.Cli.Http;

namespace JobHome.Cli.Recount;

/// <summary>
/// Reads the streamed recount answer (<c>POST …/recount?progress=true</c>, newline-delimited JSON): progress lines are
/// shown on <c>error</c> at most once a second, the <c>result</c> line is the answer, an <c>error</c> line is reported.
/// </summary>
internal static class RecountStream
{
    private static readonly TimeSpan ShowEvery = TimeSpan.FromSeconds(1);

    /// <summary>The recount's answer; null (after saying why on <paramref name="error"/>) when the stream ended without one.</summary>
    public static async Task<RecountAnswer?> ReadAsync(ApiClient client, string path, TextWriter error, CancellationToken cancellationToken)
    {
        using var response = await client.OpenPostStreamAsync(path, new { }, "application/x-ndjson", cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var shown = 0L;
        while (await NextLineAsync(reader, cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            RecountMessage? message;
            try
            {
                message = JsonSerializer.Deserialize<RecountMessage>(line, ApiClient.Json);
            }
            catch (JsonException)
            {
                break; // a line cut off mid-way: the connection ended
            }
            if (message?.Result is { } result)
            {
                return result;
            }
            if (message?.Error is { } failure)
            {
                await error.WriteLineAsync($"jobhome recount: {failure}");
                return null;
            }
            if (message?.Progress is { } p && (shown == 0 || Stopwatch.GetElapsedTime(shown) >= ShowEvery))
            {
                shown = Stopwatch.GetTimestamp();
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"recount: {p.Phase} {p.SitesDone:N0} of {p.Sites:N0} sites, {p.Records:N0} records read, "
                    + $"{p.ElapsedMs / 1000.0:F1} s"));
            }
        }
        await error.WriteLineAsync("jobhome recount: the silo closed the answer before the result (连接中断); run it again");
        return null;
    }

    // The next line, or null when the stream ends or the connection is cut (reset, closed mid-answer).
    private static async Task<string?> NextLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>One line of the stream: exactly one member is set.</summary>
    private sealed record RecountMessage(RecountProgressAnswer? Progress, RecountAnswer? Result, string? Error);

    /// <summary>Where the running recount stands.</summary>
    private sealed record RecountProgressAnswer(string Phase, int Sites, int SitesDone, long Records, long ElapsedMs);
}
