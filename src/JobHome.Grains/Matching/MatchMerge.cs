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
        // Sized at once when the lists are in hand (a refresh's partitions); no LINQ on the way out.
        var total = 0;
        if (lists is MatchItem[][] arrays)
        {
            foreach (var array in arrays)
            {
                total += array.Length;
            }
        }
        var all = new List<MatchItem>(total);
        foreach (var list in lists)
        {
            all.AddRange(list);
        }
        all.Sort(static (a, b) =>
        {
            var byScore = b.Rank.CompareTo(a.Rank);
            return byScore != 0 ? byScore : string.CompareOrdinal(a.Id, b.Id);
        });
        return all.Count <= k ? [.. all] : all.GetRange(0, Math.Max(0, k)).ToArray();
    }
}
