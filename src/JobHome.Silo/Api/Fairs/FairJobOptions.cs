namespace JobHome.Silo.Api.Fairs;

/// <summary>Limits of the silo's fair jobs (configuration section <c>JobHome:Fairs</c>).</summary>
public sealed class FairJobOptions
{
    /// <summary>Largest upload (the whole multipart request, both files) in bytes. Default: 32 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Jobs that may wait behind the running one; a submission beyond it is refused with 429. Default: 4.</summary>
    public int QueueCapacity { get; set; } = 4;

    /// <summary>How long a finished job's status and files are kept. Default: 2 hours.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Recommendations written per seeker. Default: 10 (the CLI's <c>--k</c>).</summary>
    public int RecommendationsPerSeeker { get; set; } = 10;

    /// <summary>Folder for the jobs' files; each job has its own subfolder. Default: a folder under the system temp path.</summary>
    public string? WorkFolder { get; set; }
}
