using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using JobHome.Grains.History;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sites;

namespace JobHome.Silo.Api.Indicators;

/// <summary><c>/api/indicators</c>: a site's subtree indicators now, their daily history and a live feed.</summary>
internal static class IndicatorEndpoints
{
    /// <summary>
    /// The least time between two messages of the live feed (at most 4 a second): a change after a quiet spell goes out at
    /// once, changes that follow within the interval go out together when it ends.
    /// </summary>
    public static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long the live feed waits for a change before it reads the indicators anyway: the date-dependent ones (over
    /// three months, overdue) change at midnight without any change of the counts.
    /// </summary>
    public static readonly TimeSpan LiveRecheck = TimeSpan.FromSeconds(5);

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
            .WithSummary("Server-Sent Events: the indicators now, then on every change (at most 4 messages a second).");
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

    private static async Task<IResult> GetLiveAsync(string siteCode, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<ISiteGrain>(siteCode).GetAsync() is null)
        {
            return ApiResults.NotFound("siteCode", siteCode);
        }
        return TypedResults.ServerSentEvents(ChangesAsync(grains.GetGrain<ISiteIndicatorsGrain>(siteCode), cancellationToken));
    }

    /// <summary>
    /// The current value, then each one that differs from the last sent: woken by the aggregator on a change (or after
    /// <see cref="LiveRecheck"/>), sent at once when the last message is <see cref="LiveInterval"/> old, else when it is.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<IndicatorsResponse>> ChangesAsync(ISiteIndicatorsGrain aggregator,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IndicatorsResponse? last = null;
        var seen = await aggregator.WaitForChangeAsync(-1, TimeSpan.Zero);
        var lastSent = long.MinValue / 2;
        while (true)
        {
            var current = IndicatorsResponse.From(await aggregator.GetAsync());
            if (current != last)
            {
                last = current;
                lastSent = Environment.TickCount64;
                yield return new SseItem<IndicatorsResponse>(current, LiveEventType);
            }
            var next = await WaitAsync(aggregator, seen, lastSent, cancellationToken);
            if (next is not { } number)
            {
                yield break;
            }
            seen = number;
        }
    }

    // The next change number, once the interval since the last message has passed; null when the client went away.
    private static async Task<long?> WaitAsync(ISiteIndicatorsGrain aggregator, long seen, long lastSent,
        CancellationToken cancellationToken)
    {
        try
        {
            var number = await aggregator.WaitForChangeAsync(seen, LiveRecheck).WaitAsync(cancellationToken);
            var wait = lastSent + (long)LiveInterval.TotalMilliseconds - Environment.TickCount64;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken);
            }
            return number;
        }
        catch (OperationCanceledException)
        {
            // The client went away: end the feed quietly.
            return null;
        }
    }
}
