using System.Text.Json;
using JobHome.Domain.Validation;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sites;
using JobHome.Grains.Time;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace JobHome.Silo.Api.Indicators;

/// <summary>
/// <c>POST /api/indicators/{siteCode}/recount[?repair=true][&amp;progress=true]</c>: the operators' recount of a subtree from
/// the records (see docs/grains.md, Recount): whether every aggregator of the subtree equals it, the root's live and
/// recounted indicators, and every difference per site; with <c>repair=true</c> the aggregators are corrected first.
/// With <c>progress=true</c> the answer is newline-delimited JSON (<c>application/x-ndjson</c>): a
/// <c>{"progress":{…}}</c> line at most every half second while it runs, then one <c>{"result":{…}}</c> line (or
/// <c>{"error":"…"}</c>), so a long recount shows where it is and no proxy or client timeout cuts a silent request.
/// </summary>
internal static class RecountEndpoints
{
    private const string RepairRule = "repair (修复): true or false";
    private const string ProgressRule = "progress (进度): true or false";
    private static readonly TimeSpan ProgressPeriod = TimeSpan.FromMilliseconds(500);
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    /// <summary>Maps the recount endpoint onto <paramref name="api"/>.</summary>
    public static void MapRecountEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/indicators/{siteCode}/recount", RecountAsync).WithTags("Indicators")
            .WithSummary("Recount a subtree's indicators from the records and compare with every aggregator (optionally repair).")
            .Produces<RecountResponse>();
    }

    private static async Task<IResult> RecountAsync(string siteCode, string? repair, string? progress, IGrainFactory grains,
        ServerClock clock, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var repairing = Flag(repair, "repair", RepairRule, errors);
        var streaming = Flag(progress, "progress", ProgressRule, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var recount = new SubtreeRecount(grains);
        if (!streaming)
        {
            var report = await recount.RunAsync(siteCode, repairing, cancellationToken);
            return report is null ? ApiResults.NotFound("siteCode", siteCode) : TypedResults.Ok(Response(report, repairing, clock.Today));
        }
        if (await grains.GetGrain<ISiteGrain>(siteCode).GetAsync() is null)
        {
            return ApiResults.NotFound("siteCode", siteCode);
        }
        return Results.Stream(stream => StreamAsync(stream, recount, siteCode, repairing, clock, json.Value.SerializerOptions,
            cancellationToken), "application/x-ndjson");
    }

    private static async Task StreamAsync(Stream stream, SubtreeRecount recount, string siteCode, bool repairing, ServerClock clock,
        JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        RecountProgress? latest = null;
        var reporter = new Progress(p => Volatile.Write(ref latest, p));
        var run = recount.RunAsync(siteCode, repairing, cancellationToken, reporter);
        RecountProgress? written = null;
        try
        {
            // A client that goes away cancels the token: the loop ends (no spin on a finished delay) and the run is
            // still awaited below, so its outcome is always observed.
            while (!run.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                await Task.WhenAny(run, Task.Delay(ProgressPeriod, cancellationToken));
                var now = Volatile.Read(ref latest);
                if (now is not null && !ReferenceEquals(now, written) && !run.IsCompleted)
                {
                    await WriteLineAsync(stream, new { progress = now }, options, cancellationToken);
                    written = now;
                }
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The client is gone; fall through to observe the run.
        }
        try
        {
            var report = await run;
            cancellationToken.ThrowIfCancellationRequested();
            // The site was checked before the stream began; it cannot have gone (sites are never deleted).
            await WriteLineAsync(stream, new { result = Response(report!, repairing, clock.Today) }, options, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await WriteLineAsync(stream, new { error = "recount failed (重新统计失败): " + e.GetType().Name + ": " + e.Message }, options,
                cancellationToken);
        }
    }

    private static async Task WriteLineAsync(Stream stream, object value, JsonSerializerOptions options,
        CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(stream, value, options, cancellationToken);
        await stream.WriteAsync(NewLine, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private static bool Flag(string? value, string name, string rule, List<FieldError> errors)
    {
        if (value is null)
        {
            return false;
        }
        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }
        errors.Add(new FieldError(name, value, "is not true or false", rule));
        return false;
    }

    private static RecountResponse Response(SubtreeRecountReport report, bool repairing, DateOnly today) => new(
        report.SiteCode,
        report.Matches,
        repairing,
        RecountCounts.From(report.Live, today),
        RecountCounts.From(report.Recounted, today),
        report.Sites,
        report.Records,
        report.Corrected,
        [.. report.Differences.Select(d => new RecountDifferenceResponse(d.SiteCode, d.Indicator, d.Live, d.Recounted))]);

    // Progress<T> would post to a synchronization context; reports here only swap a reference.
    private sealed class Progress(Action<RecountProgress> report) : IProgress<RecountProgress>
    {
        public void Report(RecountProgress value) => report(value);
    }
}
