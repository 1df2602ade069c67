using Orleans.Concurrency;

namespace JobHome.Grains.Catalog;

/// <summary>The latest assessment of a site (keyed by site code), read by the site card.</summary>
[Alias("jobhome.ISiteAssessmentGrain")]
public interface ISiteAssessmentGrain : IGrainWithStringKey
{
    /// <summary>Records the assessment (replacing the previous one); the caller validated it.</summary>
    [Alias("Put")]
    Task PutAsync(SiteAssessment assessment);

    /// <summary>The latest assessment, or null.</summary>
    [ReadOnly, Alias("Get")]
    Task<SiteAssessment?> GetAsync();
}
