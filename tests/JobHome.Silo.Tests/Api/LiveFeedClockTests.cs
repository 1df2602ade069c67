using System.Text.Json.Nodes;
using JobHome.Grains.Hosting;
using JobHome.Grains.Indicators;
using JobHome.Grains.Time;
using JobHome.Silo.Api.Indicators;
using JobHome.Silo.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Silo.Tests.Api;

/// <summary>
/// The live indicator feed's timing on a fake server clock: a change after a quiet spell goes out at once, changes within
/// <see cref="IndicatorEndpoints.LiveInterval"/> go out as one message when it ends, and with no change the feed re-reads
/// after <see cref="IndicatorEndpoints.LiveRecheck"/> so the midnight roll-over reaches the client.
/// </summary>
public sealed class LiveFeedClockTests : IAsyncLifetime
{
    private const string Village = "VLF";

    /// <summary>
    /// Real time allowed for stream delivery and the feed's own work. Shorter than the aggregator wait call's timeout
    /// (<see cref="IndicatorEndpoints.LiveWaitCall"/>, real time), so a message that only that timeout would bring fails.
    /// </summary>
    private static readonly TimeSpan Real = TimeSpan.FromSeconds(12);

    // 2026-04-05 23:59:58 in Asia/Shanghai. The welders are unemployed since 2026-01-05: over three months from 04-06.
    private readonly RecheckWatchingClock _time = new(new DateTimeOffset(2026, 4, 5, 15, 59, 58, TimeSpan.Zero));
    private InMemorySilo _silo = null!;
    private HttpResponseMessage? _response;
    private StreamReader? _reader;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // Only the server clock is fake: Orleans' own timers (stream pulling, the aggregator's flush) run on real time.
        _silo = await InMemorySilo.StartAsync(services => services.AddJobHomeGrains(time: _time));
        var clock = _silo.GetService<ServerClock>();
        await _silo.StartApiAsync(app => app.MapGroup("/api").MapIndicatorEndpoints(), services =>
        {
            services.AddSingleton<IGrainFactory>(_silo.Client);
            services.AddSingleton(clock);
        });
        await TestSiteTree.RegisterAsync(_silo.Client, "LF");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _reader?.Dispose();
        _response?.Dispose();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task Live_ChangeAfterQuietSpell_SentWithoutAdvancingTheClock()
    {
        var first = await OpenAsync();
        _time.Advance(TimeSpan.FromSeconds(1));

        await RegisterAsync("lf-a", 1);
        var message = await NextAsync();

        Assert.Equal(0, first["unemployed"]!.GetValue<long>());
        Assert.Equal(1, message["unemployed"]!.GetValue<long>());
    }

    [Fact]
    public async Task Live_ChangesWithinInterval_OneMessageWhenTheClockPassesIt()
    {
        await OpenAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        await RegisterAsync("lf-a", 1);
        Assert.Equal(1, (await NextAsync())["unemployed"]!.GetValue<long>());

        // Two more changes, each seen by the aggregator, while the fake clock stands within the interval.
        await RegisterAsync("lf-b", 2);
        await WaitForUnemployedAsync(2);
        await RegisterAsync("lf-c", 3);
        await WaitForUnemployedAsync(3);
        var next = NextAsync();
        _time.Advance(IndicatorEndpoints.LiveInterval - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        // Without the interval the feed would have sent the second change alone.
        Assert.Equal(3, (await next)["unemployed"]!.GetValue<long>());
    }

    [Fact]
    public async Task Live_NoChangeOverMidnight_ReadAgainWithTheNewDateWithinRecheck()
    {
        await RegisterAsync("lf-a", 1);
        await WaitForUnemployedAsync(1);
        // Started before the feed opens, so before its first wait call: a message only that call's timeout would bring
        // (LiveWaitCall after it started) comes after this deadline, whatever the machine's load; the recheck's message
        // has all but one second of it.
        using var beforeTheWaitCallsTimeout = new CancellationTokenSource(IndicatorEndpoints.LiveWaitCall - TimeSpan.FromSeconds(1));
        var first = await OpenAsync();

        // The feed arms its recheck on the server clock after it sent the first message (the client may read that message
        // first): the clock moves once it is armed.
        Assert.True(await _time.RecheckArmedAsync(Real), $"the feed armed no {IndicatorEndpoints.LiveRecheck} recheck");
        _time.Advance(IndicatorEndpoints.LiveRecheck);
        var message = await NextAsync(beforeTheWaitCallsTimeout.Token);

        Assert.Equal("2026-04-05", first["asOf"]!.GetValue<string>());
        Assert.Equal(0, first["unemployedOver3Months"]!.GetValue<long>());
        Assert.Equal("2026-04-06", message["asOf"]!.GetValue<string>());
        Assert.Equal(1, message["unemployedOver3Months"]!.GetValue<long>());
        Assert.Equal(1, message["unemployed"]!.GetValue<long>());
    }

    /// <summary>Opens the village's feed; returns its first message.</summary>
    private async Task<JsonNode> OpenAsync()
    {
        using var deadline = new CancellationTokenSource(Real);
        _response = await _silo.Http.GetAsync(new Uri($"/api/indicators/{Village}/live", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal("text/event-stream", _response.Content.Headers.ContentType?.MediaType);
        _reader = new StreamReader(await _response.Content.ReadAsStreamAsync(deadline.Token));
        return await NextAsync();
    }

    /// <summary>The next <c>indicators</c> message's data, within <see cref="Real"/> (or before <paramref name="until"/>).</summary>
    private async Task<JsonNode> NextAsync(CancellationToken? until = null)
    {
        using var deadline = new CancellationTokenSource(Real);
        var token = until ?? deadline.Token;
        string? eventType = null;
        while (await _reader!.ReadLineAsync(token) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventType = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && eventType == IndicatorEndpoints.LiveEventType)
            {
                return JsonNode.Parse(line["data:".Length..].Trim())!;
            }
        }
        throw new InvalidOperationException("The live feed ended.");
    }

    private async Task RegisterAsync(string id, int serial) =>
        await TestMarket.RegisterAsync(_silo.Client, id, TestMarket.Welder(Village, serial, "6-25-04"));

    /// <summary>Polls the village's aggregator (external condition: stream delivery) until it counts <paramref name="count"/>.</summary>
    private async Task WaitForUnemployedAsync(long count)
    {
        var aggregator = _silo.Client.GetGrain<ISiteIndicatorsGrain>(Village);
        var until = DateTime.UtcNow + Real;
        while ((await aggregator.GetAsync()).Unemployed != count)
        {
            Assert.True(DateTime.UtcNow < until, $"the village's aggregator did not count {count} unemployed in {Real}");
            await Task.Delay(20);
        }
    }

    /// <summary>The fake server clock, telling when a timer of <see cref="IndicatorEndpoints.LiveRecheck"/> is made on it.</summary>
    private sealed class RecheckWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly SemaphoreSlim _rechecks = new(0);

        /// <summary>True once a recheck timer not waited for before was made (within <paramref name="timeout"/>, real time).</summary>
        public Task<bool> RecheckArmedAsync(TimeSpan timeout) => _rechecks.WaitAsync(timeout);

        /// <inheritdoc />
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime == IndicatorEndpoints.LiveRecheck)
            {
                _rechecks.Release();
            }
            return timer;
        }
    }
}
