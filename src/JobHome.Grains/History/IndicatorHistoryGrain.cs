using JobHome.Grains.Indicators;
using JobHome.Grains.Time;
using JobHome.Storage;

namespace JobHome.Grains.History;

/// <summary>
/// Keeps a site's daily indicator points; a reminder records the live value every <see cref="Period"/>, in the last hour
/// of the server's day and twelve hours before, at the site's own minute (<see cref="HistoryReminderPhase"/>), so the sites'
/// reminders neither all wake their aggregators at once nor keep waking them all day. After a tick the grain deactivates:
/// it is not needed again for twelve hours, and 20,000 resident history grains (and the aggregators their ticks kept
/// warm) were most of an idle province silo's work and memory.
/// </summary>
public sealed class IndicatorHistoryGrain(
    [PersistentState("indicator-history", StorageNames.Default)] IPersistentState<IndicatorHistoryState> state,
    ServerClock clock) : Grain, IIndicatorHistoryGrain, IRemindable
{
    /// <summary>
    /// How often the reminder records the live value: twice a day, so the day's point is the last hour's value, or the
    /// morning's when the evening tick is missed. Default: 12 hours (it was 15 minutes: ~22 ticks a second for a province,
    /// each waking a site's aggregator, kept an idle province silo at 8–22 % of a core; docs/grains.md).
    /// </summary>
    public static readonly TimeSpan Period = TimeSpan.FromHours(12);

    private const string ReminderName = "record";

    /// <summary>Points kept per site (about three years of days).</summary>
    private const int MaxDays = 1100;

    // A reminder firing further than this from the site's schedule is registered again on it.
    private static readonly TimeSpan PhaseTolerance = TimeSpan.FromSeconds(5);

    private bool _registered;

    /// <inheritdoc />
    public async Task<IndicatorPoint[]> RecordAndGetAsync()
    {
        if (!_registered)
        {
            // Once per activation (each registration is a reminder-table write), at the site's phase.
            await RegisterAtPhaseAsync();
        }
        await RecordAsync();
        return [.. state.State.Days.OrderBy(day => day.Key).Select(day => day.Value)];
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!_registered && HistoryReminderPhase.IsOffSchedule(status.Period, status.FirstTickTime, Anchor, Period, PhaseTolerance))
        {
            // Registered before this schedule (every 15 minutes, or all sites within a minute): moved once; the moved
            // reminder's ticks are on the schedule, so this is not done again.
            await RegisterAtPhaseAsync();
        }
        await RecordAsync();
        // Nothing asks for this grain until the next tick or a history read: do not keep it (and its points) resident.
        DeactivateOnIdle();
    }

    // The site's tick today (by the server's date); the reminder repeats it every period.
    private DateTimeOffset Anchor => HistoryReminderPhase.AnchorOf(this.GetPrimaryKeyString(), clock.StartOf(clock.Today));

    private async Task RegisterAtPhaseAsync()
    {
        await this.RegisterOrUpdateReminder(ReminderName, HistoryReminderPhase.DueFrom(clock.Now, Anchor, Period), Period);
        _registered = true;
    }

    private async Task RecordAsync()
    {
        var aggregator = GrainFactory.GetGrain<ISiteIndicatorsGrain>(this.GetPrimaryKeyString());
        var view = await aggregator.GetAsync();
        var today = view.AsOf.DayNumber;
        if (state.State.Days.Count > 0 && state.State.Days.Keys.Max() is var last && today - last > 1)
        {
            await BackfillAsync(aggregator, last, today);
        }
        state.State.Days[today] = new IndicatorPoint
        {
            Date = view.AsOf,
            RecordedAt = clock.Now,
            Employed = view.Employed,
            Unemployed = view.Unemployed,
            UnemployedOver3Months = view.UnemployedOver3Months,
            ZeroEmploymentHouseholds = view.ZeroEmploymentHouseholds,
            ZeroEmploymentHouseholdsOverdue = view.ZeroEmploymentHouseholdsOverdue,
            OpenPosts = view.OpenPosts,
            Openings = view.Openings,
            Placements = view.Placements,
        };
        while (state.State.Days.Count > MaxDays)
        {
            state.State.Days.Remove(state.State.Days.Keys.Min());
        }
        await state.WriteStateAsync();
    }

    // Days after the last point and before today had no recording (the silo was down over both of their ticks, or
    // nothing asked): each gets a point from the aggregator's counts by status date as of that day (one read of the
    // counts for the whole gap, only when there is one), the undated indicators carried from the last point.
    private async Task BackfillAsync(ISiteIndicatorsGrain aggregator, int lastDay, int today)
    {
        var counts = await aggregator.GetCountsAsync();
        var last = state.State.Days[lastDay];
        var now = clock.Now;
        for (var day = Math.Max(lastDay + 1, today - MaxDays); day < today; day++)
        {
            state.State.Days[day] = IndicatorPoint.Backfill(last, counts.DatedAsOf(DateOnly.FromDayNumber(day)), now);
        }
    }
}
