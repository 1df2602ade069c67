using Orleans.Concurrency;

namespace JobHome.Grains.Indicators;

/// <summary>A record that contributes to indicators (seeker, household, post), asked directly by a recount.</summary>
[Alias("jobhome.IIndicatorSourceGrain")]
public interface IIndicatorSourceGrain : IGrainWithStringKey
{
    /// <summary>The record's site, version and contribution now.</summary>
    [ReadOnly, Alias("GetIndicatorSource")]
    Task<IndicatorSourceReport> GetIndicatorSourceAsync();
}
