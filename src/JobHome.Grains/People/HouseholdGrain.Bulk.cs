using JobHome.Domain.Indicators;
using JobHome.Grains.Bulk;

namespace JobHome.Grains.People;

/// <summary>The bulk import's side of a household: the reminder a zero-employment household needs, set after its bulk write.</summary>
public sealed partial class HouseholdGrain : IBulkHouseholdGrain
{
    /// <inheritdoc />
    public async Task EnsureOverdueReminderAsync()
    {
        // The bulk wrote the row behind any activation that was already here (e.g. after a read of the missing
        // household): decide from storage, not from that activation's memory.
        await state.ReadStateAsync();
        if (state.State.ZeroEmploymentSince is { } since && !state.State.OverdueAlertRaised
            && await this.GetReminder(OverdueReminder) is null)
        {
            var due = clock.StartOf(IndicatorDefinitions.ZeroEmploymentOverdueFrom(since)) - clock.Now;
            await this.RegisterOrUpdateReminder(OverdueReminder, due < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : due,
                TimeSpan.FromDays(1));
        }
        // Imported households are not kept in memory: the province's records must not stay activated.
        this.DeactivateOnIdle();
    }
}
