using JobHome.Domain.Occupations;
using JobHome.Domain.Work;

namespace JobHome.Matching.Ranking;

/// <summary>
/// A seeker's earlier applications as the re-ranker sees them: only the occupation and kind of each post applied to (no
/// employer, no outcome), matched against a candidate post.
/// </summary>
public sealed class ApplicationHistory
{
    private readonly List<OccupationCode> _occupations = [];
    private readonly int[] _kinds = new int[4];

    /// <summary>Applications recorded.</summary>
    public int Count => _occupations.Count;

    /// <summary>Records an application to a post of <paramref name="occupation"/> and <paramref name="kind"/>.</summary>
    public void Add(OccupationCode occupation, WorkKind kind)
    {
        _occupations.Add(occupation);
        if (Slot(kind) is var slot and >= 0)
        {
            _kinds[slot]++;
        }
    }

    /// <summary>The deepest occupation level (0–4) <paramref name="occupation"/> shares with any post applied to; 0 without any.</summary>
    public float OccupationDepth(OccupationCode occupation)
    {
        var best = 0;
        foreach (var applied in _occupations)
        {
            best = Math.Max(best, applied.SharedDepth(occupation));
        }
        return best;
    }

    /// <summary>Share of the applications that went to posts of <paramref name="kind"/>; 0 without any.</summary>
    public float KindShare(WorkKind kind) =>
        Count == 0 || Slot(kind) is not (var slot and >= 0) ? 0 : _kinds[slot] / (float)Count;

    private static int Slot(WorkKind kind) => kind switch
    {
        WorkKind.FullTime => 0,
        WorkKind.PartTime => 1,
        WorkKind.Gig => 2,
        WorkKind.PublicWelfare => 3,
        _ => -1,
    };
}
