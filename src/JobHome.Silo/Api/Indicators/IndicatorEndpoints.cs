using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using JobHome.Grains.History;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sites;

namespace JobHome.Silo.Api.Indicators;

/// <summary><c>/api/indicators</c>: a site's subtree indicators now, their daily history and a live feed.</summary>
internal static class IndicatorEndpoints
{
    /// <summary>How often the live feed looks for a change: at most this many messages a second (coalesced).</summary>
    public static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(250);

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

    /// <summary>The current value, then each one that differs from the last sent, looked at every <see cref="LiveInterval"/>.</summary>
    private static async IAsyncEnumerable<SseItem<IndicatorsResponse>> ChangesAsync(ISiteIndicatorsGrain aggregator,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IndicatorsResponse? last = null;
        using var timer = new PeriodicTimer(LiveInterval);
        do
        {
            var current = IndicatorsResponse.From(await aggregator.GetAsync());
            if (current != last)
            {
                last = current;
                yield return new SseItem<IndicatorsResponse>(current, LiveEventType);
            }
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client went away: end the feed quietly.
            return false;
        }
    }
}
