using System.Buffers;

namespace JobHome.Grains.Matching;

/// <summary>Merges partitions' exact top-k lists into the top-k of their union, ranked as the engine ranks.</summary>
public static class MatchMerge
{
    /// <summary>
    /// The <paramref name="k"/> best of <paramref name="lists"/>: <see cref="MatchItem.Rank"/> descending, ties by id
    /// ordinal (the engine's order). Partitions hold disjoint records, so the result equals the engine's top-k over all of them.
    /// </summary>
    public static MatchItem[] Top(IEnumerable<MatchItem[]> lists, int k)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var top = Math.Max(0, k);
        // The parts as arrays (a refresh's or a push's are already), every item into a rented row, sorted in place, and the
        // top k copied out once, so a merge allocates its answer only.
        var arrays = lists as MatchItem[][] ?? [.. lists];
        var total = 0;
        foreach (var array in arrays)
        {
            total += array.Length;
        }
        var row = ArrayPool<MatchItem>.Shared.Rent(total);
        try
        {
            var at = 0;
            foreach (var array in arrays)
            {
                array.CopyTo(row, at);
                at += array.Length;
            }
            var all = row.AsSpan(0, total);
            all.Sort(ByRank);
            return all[..Math.Min(total, top)].ToArray();
        }
        finally
        {
            ArrayPool<MatchItem>.Shared.Return(row, clearArray: true);
        }
    }

    // Best rank first, ties by id (ordinal): a total order, so the merge does not depend on the parts' order.
    private static int ByRank(MatchItem a, MatchItem b)
    {
        var byScore = b.Rank.CompareTo(a.Rank);
        return byScore != 0 ? byScore : string.CompareOrdinal(a.Id, b.Id);
    }
}
