using JobHome.Grains.Matching;
using JobHome.Storage.Sqlite;

namespace JobHome.Silo.Hosting;

/// <summary>
/// The grains' matching settings (<c>JobHome:Matching</c>) and the embedded store's (<c>JobHome:Sqlite</c>) as read from
/// configuration by <see cref="SiloTuningReader"/>; the store's file path is the host's (<c>JobHome:Data</c>).
/// </summary>
internal sealed record SiloTuning(MatchingOptions Matching, SqliteStoreOptions Sqlite)
{
    /// <summary>The section of <see cref="Sqlite"/>.</summary>
    public const string SqliteSection = "JobHome:Sqlite";

    /// <summary>The section of <see cref="Matching"/> (shared with the model settings of <see cref="ModelReloadOptions"/>).</summary>
    public const string MatchingSection = ModelReloadOptions.SectionName;
}
