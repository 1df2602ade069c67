namespace JobHome.Grains.Catalog;

/// <summary>Stored state of <see cref="SiteAssessmentGrain"/> (version 1).</summary>
[GenerateSerializer, Alias("jobhome.site-assessment-state.v1")]
public sealed class SiteAssessmentState
{
    /// <summary>The latest assessment, null until one is recorded.</summary>
    [Id(0)]
    public SiteAssessment? Assessment { get; set; }
}
