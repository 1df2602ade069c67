using Orleans.Concurrency;

namespace JobHome.Grains.People;

/// <summary>
/// The unmasked personal data of a seeker (same grain as <see cref="ISeekerGrain"/>). Only the silo's audited reveal
/// endpoint calls it, after it has written the audit record; nothing else may.
/// </summary>
[Alias("jobhome.ISeekerPersonalDataGrain")]
public interface ISeekerPersonalDataGrain : IGrainWithStringKey
{
    /// <summary>The site, full ID number and phone of the seeker, or null when not registered.</summary>
    [ReadOnly, Alias("Reveal")]
    Task<SeekerPersonalData?> RevealAsync();
}
