namespace JobHome.Silo.Hosting;

/// <summary>Where the silo's matching model comes from (section <c>JobHome:Matching</c>).</summary>
public sealed class ModelReloadOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "JobHome:Matching";

    /// <summary>
    /// A model.json or model.zip from <c>jobhome model train</c>; null = the built-in weights. Every silo of a cluster must
    /// read the same file (a shared volume or the same ConfigMap). Default: null.
    /// </summary>
    public string? ModelPath { get; init; }

    /// <summary>How often the file is checked for a new version. Default: 10 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);
}
