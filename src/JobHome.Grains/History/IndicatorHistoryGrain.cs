using JobHome.Grains.Indicators;
using JobHome.Grains.Time;
using JobHome.Storage;

namespace JobHome.Grains.History;

/// <summary>
/// Keeps a site's daily indicator points; a reminder records the live value every <see cref="Period"/>, at the site's own
/// phase of the period (<see cref="HistoryReminderPhase"/>), so the sites' reminders do not all wake their aggregators at once.
/// </summary>
public sealed class IndicatorHistoryGrain(
    [PersistentState("indicator-history", StorageNames.Default)] IPersistentState<IndicatorHistoryState> state,
    ServerClock clock) : Grain, IIndicatorHistoryGrain, IRemindable
{
    /// <summary>How often the live value is recorded. Default: 15 minutes.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(15);

    private const string ReminderName = "record";

    /// <summary>Points kept per site (about three years of days).</summary>
    private const int MaxDays = 1100;

    // A reminder firing further than this from the site's phase is registered again at the phase.
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
        if (!_registered && HistoryReminderPhase.IsOffPhase(status.FirstTickTime, Phase, Period, PhaseTolerance))
        {
            // Registered before phases existed (all sites within a minute): move it to the site's phase once.
            await RegisterAtPhaseAsync();
        }
        await RecordAsync();
    }

    private TimeSpan Phase => HistoryReminderPhase.Of(this.GetPrimaryKeyString(), Period);

    private async Task RegisterAtPhaseAsync()
    {
        await this.RegisterOrUpdateReminder(ReminderName, HistoryReminderPhase.DueFrom(clock.Now, Phase, Period), Period);
        _registered = true;
    }

    private async Task RecordAsync()
    {
        var view = await GrainFactory.GetGrain<ISiteIndicatorsGrain>(this.GetPrimaryKeyString()).GetAsync();
        state.State.Days[view.AsOf.DayNumber] = new IndicatorPoint
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
}
