using JobHome.Grains.Diagnostics;
using JobHome.Grains.Hosting;
using JobHome.Grains.Matching;
using JobHome.Storage.Sqlite;

namespace JobHome.Silo.Hosting;

/// <summary>
/// The grains' matching settings (<c>JobHome:Matching</c>), the embedded store's (<c>JobHome:Sqlite</c>) and the
/// activations' idle ages and memory shedding (<c>JobHome:Activations</c>) as read from configuration by
/// <see cref="SiloTuningReader"/>, with the slow grain call threshold (<c>JobHome:Diagnostics</c>); the store's file path is
/// the host's (<c>JobHome:Data</c>).
/// </summary>
internal sealed record SiloTuning(
    MatchingOptions Matching,
    SqliteStoreOptions Sqlite,
    ActivationOptions Activations,
    GrainCallTimingOptions Diagnostics)
{
    /// <summary>The section of <see cref="Diagnostics"/>.</summary>
    public const string DiagnosticsSection = "JobHome:Diagnostics";

    /// <summary>The section of <see cref="Activations"/>.</summary>
    public const string ActivationsSection = "JobHome:Activations";

    /// <summary>The section of <see cref="Sqlite"/>.</summary>
    public const string SqliteSection = "JobHome:Sqlite";

    /// <summary>The section of <see cref="Matching"/> (shared with the model settings of <see cref="ModelReloadOptions"/>).</summary>
    public const string MatchingSection = ModelReloadOptions.SectionName;
}
