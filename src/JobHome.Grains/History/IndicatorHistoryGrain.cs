using JobHome.Grains.Indicators;
using JobHome.Grains.Time;
using JobHome.Storage;

namespace JobHome.Grains.History;

/// <summary>Keeps a site's daily indicator points; a reminder records the live value every <see cref="Period"/>.</summary>
public sealed class IndicatorHistoryGrain(
    [PersistentState("indicator-history", StorageNames.Default)] IPersistentState<IndicatorHistoryState> state,
    ServerClock clock) : Grain, IIndicatorHistoryGrain, IRemindable
{
    /// <summary>How often the live value is recorded. Default: 15 minutes.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(15);

    private const string ReminderName = "record";

    /// <summary>Points kept per site (about three years of days).</summary>
    private const int MaxDays = 1100;

    /// <inheritdoc />
    public async Task<IndicatorPoint[]> RecordAndGetAsync()
    {
        await this.RegisterOrUpdateReminder(ReminderName, Period, Period);
        await RecordAsync();
        return [.. state.State.Days.OrderBy(day => day.Key).Select(day => day.Value)];
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => RecordAsync();

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
