namespace JobHome.Grains.Bulk;

/// <summary>The bulk side of a household (same grain as <see cref="People.IHouseholdGrain"/>).</summary>
[Alias("jobhome.IBulkHouseholdGrain")]
public interface IBulkHouseholdGrain : IGrainWithStringKey
{
    /// <summary>Registers the one-month reminder of a zero-employment household written by a bulk import, then deactivates.</summary>
    [Alias("EnsureOverdueReminder")]
    Task EnsureOverdueReminderAsync();
}
