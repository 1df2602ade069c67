using JobHome.Storage;

namespace JobHome.Cluster.TestHost;

/// <summary>Command line of the test silo: <c>--name value</c> pairs, parsed strictly.</summary>
public sealed record HostArguments(
    StorageKind Storage,
    string Data,
    string? Connection,
    string SiloName,
    int SiloPort,
    int GatewayPort,
    string ClusterId,
    bool FastMembership,
    TimeSpan? StreamMaxDeliveryTime,
    int? StreamMaxAttempts)
{
    /// <summary>
    /// <c>--block-after placementId:Step</c>: the placement hook announces <c>BLOCKED placementId Step</c> and blocks that
    /// turn for ever once the step is stored, so the test can kill the process between two steps.
    /// </summary>
    public string? BlockAfter { get; init; }

    /// <summary><c>--rebuild-batch N</c>: records a rebuilding match partition reads per step (MatchingOptions.RebuildBatchSize).</summary>
    public int? RebuildBatch { get; init; }

    /// <summary><c>--rebuild-pause-ms N</c>: pause between a rebuilding partition's steps (MatchingOptions.RebuildPause).</summary>
    public int? RebuildPauseMs { get; init; }

    /// <summary><c>--drop-child-reports SITE</c>: the site's aggregator's reports to its parent are dropped (SiteReportFilter).</summary>
    public string? DropChildReports { get; init; }

    /// <summary><c>--drop-report-asks SITE:N|all</c>: the first N asks to the site's aggregator to report are dropped.</summary>
    public string? DropReportAsks { get; init; }

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static HostArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--fast-membership")
            {
                flags.Add(args[i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }

        string Get(string key, string fallback) => values.TryGetValue(key, out var v) ? v : fallback;
        return new HostArguments(
            Enum.Parse<StorageKind>(Get("storage", "Embedded"), ignoreCase: true),
            Get("data", "data"),
            values.GetValueOrDefault("connection"),
            Get("name", "silo"),
            int.Parse(Get("silo-port", "11111"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("gateway-port", "30000"), System.Globalization.CultureInfo.InvariantCulture),
            Get("cluster-id", "jobhome-test"),
            flags.Contains("--fast-membership"),
            values.TryGetValue("stream-delivery-seconds", out var delivery)
                ? TimeSpan.FromSeconds(int.Parse(delivery, System.Globalization.CultureInfo.InvariantCulture))
                : null,
            values.TryGetValue("stream-attempts", out var attempts)
                ? int.Parse(attempts, System.Globalization.CultureInfo.InvariantCulture)
                : null)
        {
            BlockAfter = values.GetValueOrDefault("block-after"),
            DropChildReports = values.GetValueOrDefault("drop-child-reports"),
            DropReportAsks = values.GetValueOrDefault("drop-report-asks"),
            RebuildBatch = values.TryGetValue("rebuild-batch", out var batch)
                ? int.Parse(batch, System.Globalization.CultureInfo.InvariantCulture)
                : null,
            RebuildPauseMs = values.TryGetValue("rebuild-pause-ms", out var pause)
                ? int.Parse(pause, System.Globalization.CultureInfo.InvariantCulture)
                : null,
        };
    }
}
