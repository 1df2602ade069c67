namespace JobHome.Grains.Bulk;

/// <summary>The bulk side of an employer (same grain as <see cref="Employers.IEmployerGrain"/>).</summary>
[Alias("jobhome.IBulkEmployerGrain")]
public interface IBulkEmployerGrain : IGrainWithStringKey
{
    /// <summary>Lists many posts under the employer in one write (idempotent); false when the employer is not registered.</summary>
    [Alias("AddPosts")]
    Task<bool> AddPostsAsync(string[] postIds);
}
