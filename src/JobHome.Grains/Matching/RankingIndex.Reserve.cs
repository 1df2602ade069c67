using JobHome.Matching.Model;

namespace JobHome.Grains.Matching;

/// <summary>
/// Kept queries: a holder's part is recomputed after each change that touches it, each time with the same seeker record, so
/// the partition keeps that record's post query (<see cref="JobHome.Matching.Index.MatchIndex.KeepPostQuery"/>): the index
/// answers it from a memo of its last scan (with a reserve beyond the depth asked) and the post changes since, the same
/// candidates as a scan, and scans again only when the memo ran short.
/// </summary>
internal sealed partial class RankingIndex
{
    /// <summary>Keeps the post queries of <paramref name="seeker"/> (this object) answered from a memo.</summary>
    public void KeepPostQuery(MatchSeeker seeker) => _index.KeepPostQuery(seeker);

    /// <summary>Stops keeping the seeker's post queries.</summary>
    public void ForgetPostQuery(string seekerId) => _index.ForgetPostQuery(seekerId);

    /// <summary>Number of kept post queries.</summary>
    public int KeptPostQueries => _index.KeptPostQueries;
}
