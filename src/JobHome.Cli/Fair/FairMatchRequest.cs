namespace JobHome.Cli.Fair;

/// <summary>Files and settings of one <c>fair match</c> run.</summary>
/// <param name="SeekersPath">Seekers CSV.</param>
/// <param name="PostsPath">Posts CSV.</param>
/// <param name="OutPath">Assignment CSV to write.</param>
/// <param name="Settings">Matching settings.</param>
/// <param name="PairsOutPath">Optional: every candidate pair with its score.</param>
/// <param name="RecommendationsOutPath">Optional: top-k posts per seeker.</param>
/// <param name="RecommendationsPerSeeker">Recommendations per seeker (<c>--k</c>). Default: 10.</param>
/// <param name="ModelPath">Optional scoring model JSON.</param>
/// <param name="SkipInvalid">Write bad rows to rejects.csv and go on instead of failing.</param>
internal sealed record FairMatchRequest(
    string SeekersPath,
    string PostsPath,
    string OutPath,
    FairSettings Settings,
    string? PairsOutPath = null,
    string? RecommendationsOutPath = null,
    int RecommendationsPerSeeker = 10,
    string? ModelPath = null,
    bool SkipInvalid = false)
{
    /// <summary>Where rejected rows go: <c>rejects.csv</c> next to <see cref="OutPath"/>.</summary>
    public string RejectsPath => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(OutPath)) ?? ".", "rejects.csv");
}
