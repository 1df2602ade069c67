namespace JobHome.Cli.Load;

/// <summary>What a load run did: changes per kind that succeeded, errors by kind and status, throughput and latency.</summary>
internal sealed record LoadReport(
    double Seconds,
    int Rate,
    IReadOnlyDictionary<string, long> Succeeded,
    IReadOnlyDictionary<string, long> Errors,
    long Late,
    long PlacementsBefore,
    long PlacementsAfter,
    double[] LatencyMillis,
    int LatencyUnseen)
{
    /// <summary>The first error message seen per error kind.</summary>
    public IReadOnlyDictionary<string, string> ErrorExamples { get; init; } = new Dictionary<string, string>();

    /// <summary>Changes of the schedule never started because the run's time was up (the server was behind).</summary>
    public long Missed { get; init; }

    /// <summary>Seekers registered before the timed run (not counted in the totals).</summary>
    public int WarmUpSeekers { get; init; }

    /// <summary>Posts opened before the timed run (not counted in the totals).</summary>
    public int WarmUpPosts { get; init; }

    /// <summary>CPU time (user + system) this process used during the timed run.</summary>
    public TimeSpan ClientCpu { get; init; }

    /// <summary>CPU time the silo process used during the timed run, when its process id was given.</summary>
    public TimeSpan? SiloCpu { get; init; }

    /// <summary>Changes that succeeded.</summary>
    public long Total => Succeeded.Values.Sum();

    /// <summary>Changes that failed.</summary>
    public long ErrorCount => Errors.Values.Sum();
}
