namespace JobHome.Grains.Bulk;

/// <summary>The bulk side of a site's directory (same grain as <see cref="SiteRecords.ISiteDirectoryGrain"/>).</summary>
[Alias("jobhome.IBulkSiteDirectoryGrain")]
public interface IBulkSiteDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds many records of <paramref name="kind"/> (seekers with their names in <paramref name="names"/>), one write.</summary>
    [Alias("PutMany")]
    Task PutManyAsync(string kind, string[] ids, string[] names);
}
