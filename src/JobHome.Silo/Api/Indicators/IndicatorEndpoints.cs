using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using JobHome.Grains.History;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sites;
using JobHome.Grains.Time;

namespace JobHome.Silo.Api.Indicators;

/// <summary><c>/api/indicators</c>: a site's subtree indicators now, their daily history and a live feed.</summary>
public static class IndicatorEndpoints
{
    /// <summary>
    /// The least time between two messages of the live feed (at most 5 a second): a change after a quiet spell goes out at
    /// once, changes that follow within the interval go out together when it ends. Under load a province's value changes
    /// every few tens of milliseconds, so every message waits out the interval: at 250 ms that was up to a quarter of a
    /// second of the village → province latency a reader sees. 100 ms measured lower still, but the feed promises a few
    /// messages a second, not ten (the dashboard coalesces its renders to 4 a second itself).
    /// </summary>
    public static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long the live feed waits for a change before it reads the indicators anyway: the date-dependent ones (over
    /// three months, overdue) change at midnight without any change of the counts.
    /// </summary>
    public static readonly TimeSpan LiveRecheck = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The timeout the live feed gives the aggregator's wait call (<see cref="ISiteIndicatorsGrain.WaitForChangeAsync"/>):
    /// longer than <see cref="LiveRecheck"/>, which the feed times itself on the server clock, and below Orleans' 30 s
    /// response timeout; a call that ends without a change only makes the feed read once more.
    /// </summary>
    public static readonly TimeSpan LiveWaitCall = TimeSpan.FromSeconds(20);

    /// <summary>Event type of the live feed's messages.</summary>
    public const string LiveEventType = "indicators";

    /// <summary>Maps the indicator endpoints onto <paramref name="api"/>.</summary>
    public static void MapIndicatorEndpoints(this RouteGroupBuilder api)
    {
        var indicators = api.MapGroup("/indicators").WithTags("Indicators");
        indicators.MapGet("/{siteCode}", GetAsync).WithSummary("The indicators of a site and every site below it, with targets.")
            .Produces<IndicatorsResponse>();
        indicators.MapGet("/{siteCode}/history", GetHistoryAsync).WithSummary("Daily points for charts plus the live value.")
            .Produces<IndicatorHistoryResponse>();
        indicators.MapGet("/{siteCode}/live", GetLiveAsync)
            .WithSummary("Server-Sent Events: the indicators now, then on every change (at most 5 messages a second).");
    }

    private static async Task<IResult> GetAsync(string siteCode, IGrainFactory grains)
    {
        if (await grains.GetGrain<ISiteGrain>(siteCode).GetAsync() is null)
        {
            return ApiResults.NotFound("siteCode", siteCode);
        }
        var view = await grains.GetGrain<ISiteIndicatorsGrain>(siteCode).GetAsync();
        return TypedResults.Ok(IndicatorsResponse.From(view));
    }

    private static async Task<IResult> GetHistoryAsync(string siteCode, IGrainFactory grains)
    {
        if (await grains.GetGrain<ISiteGrain>(siteCode).GetAsync() is null)
        {
            return ApiResults.NotFound("siteCode", siteCode);
        }
        var points = await grains.GetGrain<IIndicatorHistoryGrain>(siteCode).RecordAndGetAsync();
        var live = await grains.GetGrain<ISiteIndicatorsGrain>(siteCode).GetAsync();
        return TypedResults.Ok(new IndicatorHistoryResponse(siteCode, points, IndicatorsResponse.From(live)));
    }

    private static async Task<IResult> GetLiveAsync(string siteCode, IGrainFactory grains, ServerClock clock,
        CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<ISiteGrain>(siteCode).GetAsync() is null)
        {
            return ApiResults.NotFound("siteCode", siteCode);
        }
        var feed = ChangesAsync(grains.GetGrain<ISiteIndicatorsGrain>(siteCode), clock.Time, cancellationToken);
        return TypedResults.ServerSentEvents(feed);
    }

    /// <summary>
    /// The current value, then each one that differs from the last sent: woken by the aggregator on a change (or after
    /// <see cref="LiveRecheck"/> on <paramref name="time"/>), sent at once when the last message is
    /// <see cref="LiveInterval"/> old, else when it is. One wait call to the aggregator is outstanding at a time: a
    /// recheck re-reads and keeps waiting on the same call.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<IndicatorsResponse>> ChangesAsync(ISiteIndicatorsGrain aggregator,
        TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IndicatorsResponse? last = null;
        var seen = await aggregator.WaitForChangeAsync(-1, TimeSpan.Zero);
        long? lastSent = null;
        Task<long>? pending = null;
        while (true)
        {
            var current = IndicatorsResponse.From(await aggregator.GetAsync());
            if (current != last)
            {
                last = current;
                lastSent = time.GetTimestamp();
                yield return new SseItem<IndicatorsResponse>(current, LiveEventType);
            }
            pending ??= aggregator.WaitForChangeAsync(seen, LiveWaitCall);
            if (!await WaitAsync(pending, time, lastSent, cancellationToken))
            {
                yield break;
            }
            if (pending.IsCompleted)
            {
                seen = await pending;
                pending = null;
            }
        }
    }

    // Until the aggregator's wait call ends or LiveRecheck passes, then until the interval since the last message has
    // passed; false when the client went away.
    private static async Task<bool> WaitAsync(Task<long> pending, TimeProvider time, long? lastSent,
        CancellationToken cancellationToken)
    {
        try
        {
            using (var recheck = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var delay = Task.Delay(LiveRecheck, time, recheck.Token);
                await Task.WhenAny(pending, delay).WaitAsync(cancellationToken);
                await recheck.CancelAsync();
            }
            var wait = lastSent is { } sent ? LiveInterval - time.GetElapsedTime(sent) : TimeSpan.Zero;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            // The client went away: end the feed quietly.
            return false;
        }
    }
}
