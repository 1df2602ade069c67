using Orleans.Concurrency;

namespace JobHome.Grains.Employers;

/// <summary>An employer, keyed by its unified social credit code (统一社会信用代码, validated).</summary>
[Alias("jobhome.IEmployerGrain")]
public interface IEmployerGrain : IGrainWithStringKey
{
    /// <summary>Registers or corrects the employer; a malformed credit code or bad field → field errors.</summary>
    [Alias("Register")]
    Task<CommandResult> RegisterAsync(EmployerProfile profile);

    /// <summary>The employer, or null when not registered.</summary>
    [ReadOnly, Alias("Get")]
    Task<EmployerView?> GetAsync();

    /// <summary>
    /// True when registered: the post's check before it opens, without copying the employer's list of post ids (which
    /// grows with every post) as <see cref="GetAsync"/> does.
    /// </summary>
    [ReadOnly, Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>Records one of the employer's posts (called by the post; idempotent).</summary>
    [Alias("AddPost")]
    Task<CommandResult> AddPostAsync(string postId);
}
