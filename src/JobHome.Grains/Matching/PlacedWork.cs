using JobHome.Domain.Work;
using JobHome.Grains.People;
using JobHome.Matching.Ranking;

namespace JobHome.Grains.Matching;

/// <summary>
/// One of a seeker's placements as the re-ranker's history sees it: only the occupation and kind of the post (no post id,
/// employer or dates). Live history counts placements only: a placement is an accepted application, and the system
/// records no other applications.
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.placed-work")]
public sealed record PlacedWork([property: Id(0)] string Occupation, [property: Id(1)] WorkKind Kind)
{
    /// <summary>At most this many placements (the most recent) travel with a seeker's match record.</summary>
    public const int MaxEntries = 20;

    /// <summary>
    /// The most recent <see cref="MaxEntries"/> placements that know their post's occupation and kind (placements stored
    /// before these were kept are left out); null without any.
    /// </summary>
    public static PlacedWork[]? Of(IReadOnlyList<PlacementRecord> placements)
    {
        ArgumentNullException.ThrowIfNull(placements);
        var known = placements.Where(static p => p.Occupation is not null && p.Kind is not null)
            .Select(static p => new PlacedWork(p.Occupation!, p.Kind!.Value)).ToArray();
        return known.Length == 0 ? null : known[Math.Max(0, known.Length - MaxEntries)..];
    }

    /// <summary>The re-ranker's history of <paramref name="placed"/> (null or empty: none).</summary>
    public static ApplicationHistory? History(PlacedWork[]? placed)
    {
        if (placed is not { Length: > 0 })
        {
            return null;
        }
        var history = new ApplicationHistory();
        foreach (var work in placed)
        {
            history.Add(MatchCodes.ParseOne(work.Occupation), work.Kind);
        }
        return history;
    }
}
