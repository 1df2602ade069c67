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
        // One array of every item when the lists are in hand (a refresh's or a push's parts), sorted in place; the top k
        // copied out once (no list, no range copy).
        MatchItem[] all;
        if (lists is MatchItem[][] arrays)
        {
            var total = 0;
            foreach (var array in arrays)
            {
                total += array.Length;
            }
            all = new MatchItem[total];
            var at = 0;
            foreach (var array in arrays)
            {
                array.CopyTo(all, at);
                at += array.Length;
            }
        }
        else
        {
            var list = new List<MatchItem>();
            foreach (var part in lists)
            {
                list.AddRange(part);
            }
            all = [.. list];
        }
        Array.Sort(all, ByRank);
        var top = Math.Max(0, k);
        return all.Length <= top ? all : all.AsSpan(0, top).ToArray();
    }

    // Best rank first, ties by id (ordinal): a total order, so the merge does not depend on the parts' order.
    private static int ByRank(MatchItem a, MatchItem b)
    {
        var byScore = b.Rank.CompareTo(a.Rank);
        return byScore != 0 ? byScore : string.CompareOrdinal(a.Id, b.Id);
    }
}
