using JobHome.Ranking.Rerank;

namespace JobHome.Cli.Model;

/// <summary>Files and settings of one <c>model train</c> run.</summary>
/// <param name="OutcomesPath">Outcomes CSV.</param>
/// <param name="OutPath">Model JSON to write.</param>
/// <param name="L2">Regularisation strength. Default: 1.0.</param>
/// <param name="SeekersPath">Seekers CSV (id layout only).</param>
/// <param name="PostsPath">Posts CSV (id layout only).</param>
/// <param name="AsOf">Reference date for ages. Default: today (UTC).</param>
/// <param name="MaxKm">Commute limit for the distance factor. Default: 15.</param>
/// <param name="Split">How stage-layout outcomes are split for held-out metrics. Default: by time.</param>
internal sealed record ModelTrainRequest(string OutcomesPath, string OutPath, double L2, string? SeekersPath, string? PostsPath,
    DateOnly AsOf, double MaxKm, SplitKind Split = SplitKind.Time);
