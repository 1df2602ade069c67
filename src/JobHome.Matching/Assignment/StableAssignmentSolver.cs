namespace JobHome.Matching.Assignment;

/// <summary>Seeker-proposing deferred acceptance with post capacities.</summary>
/// <remarks>
/// <para>Seekers rank their posts by score, highest first (ties: lower post index first); posts rank seekers by score,
/// highest first (ties: lower seeker index first). A free seeker proposes to its next post; the post keeps its best
/// Capacity proposers and rejects the rest. With these strict orders the result is the seeker-optimal stable matching:
/// no seeker and post with a graph edge both prefer each other to what they hold (a post with a free opening prefers any
/// proposer). Posts with capacity 0 reject everyone. If the graph lists a pair twice, the higher score counts first.</para>
/// <para>Each edge is proposed along at most once, so the run is O(E log E) for the preference sort plus O(E log C).</para>
/// </remarks>
internal static class StableAssignmentSolver
{
    /// <summary>Runs deferred acceptance and returns each seeker's chosen edge, or -1 for unplaced.</summary>
    public static int[] Run(CandidateGraph graph, IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        const string Phase = "stable";
        int seekers = graph.SeekerCount;
        int posts = graph.PostCount;
        var (_, edgeStart, edgePost, edgeScore) = graph.Arrays;
        int edges = edgePost.Length;

        // Preference lists: edges of each seeker ordered by (score desc, post asc).
        var order = new int[edges];
        var keys = new long[edges];
        for (int e = 0; e < edges; e++)
        {
            order[e] = e;
            keys[e] = ((long)(CandidateGraph.ScoreScale - edgeScore[e]) << 31) | (uint)edgePost[e];
        }
        for (int s = 0; s < seekers; s++)
        {
            int length = edgeStart[s + 1] - edgeStart[s];
            if (length > 1)
            {
                Array.Sort(keys, order, edgeStart[s], length);
            }
        }

        // Each post holds its proposers in a heap whose top is the worst held seeker.
        var cap = new int[posts];
        foreach (int p in edgePost)
        {
            cap[p]++;
        }
        var slotStart = new int[posts + 1];
        for (int p = 0; p < posts; p++)
        {
            cap[p] = Math.Min(cap[p], graph.Capacity[p]);
            slotStart[p + 1] = slotStart[p] + cap[p];
        }
        var occ = new int[posts];
        var heldSeeker = new int[slotStart[posts]];
        var heldScore = new int[slotStart[posts]];
        var heldEdge = new int[slotStart[posts]];

        var next = new int[seekers];
        var assigned = new int[seekers];
        Array.Fill(assigned, -1);
        var free = new int[seekers];
        int freeCount = 0;
        for (int s = seekers - 1; s >= 0; s--)
        {
            next[s] = edgeStart[s];
            free[freeCount++] = s;
        }

        long proposals = 0;
        long step = Math.Max(1, edges / 100);
        progress?.Report(new SolveProgress(Phase, 0, edges));
        while (freeCount > 0)
        {
            int s = free[--freeCount];
            int end = edgeStart[s + 1];
            while (next[s] < end)
            {
                int e = order[next[s]++];
                proposals++;
                if (proposals % step == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new SolveProgress(Phase, proposals, edges));
                }
                int p = edgePost[e];
                int score = edgeScore[e];
                int baseSlot = slotStart[p];
                if (occ[p] < cap[p])
                {
                    int k = occ[p]++;
                    heldSeeker[baseSlot + k] = s;
                    heldScore[baseSlot + k] = score;
                    heldEdge[baseSlot + k] = e;
                    SiftUp(heldSeeker, heldScore, heldEdge, baseSlot, k);
                    assigned[s] = e;
                    break;
                }
                if (cap[p] == 0 || !Better(score, s, heldScore[baseSlot], heldSeeker[baseSlot]))
                {
                    continue;
                }
                int evicted = heldSeeker[baseSlot];
                assigned[evicted] = -1;
                free[freeCount++] = evicted;
                heldSeeker[baseSlot] = s;
                heldScore[baseSlot] = score;
                heldEdge[baseSlot] = e;
                SiftDown(heldSeeker, heldScore, heldEdge, baseSlot, occ[p]);
                assigned[s] = e;
                break;
            }
        }
        progress?.Report(new SolveProgress(Phase, edges, edges));
        return assigned;
    }

    /// <summary>True when seeker <paramref name="s"/> with <paramref name="score"/> outranks seeker <paramref name="t"/>.</summary>
    private static bool Better(int score, int s, int otherScore, int t) => score > otherScore || (score == otherScore && s < t);

    private static void Swap(int[] seeker, int[] score, int[] edge, int a, int b)
    {
        (seeker[a], seeker[b]) = (seeker[b], seeker[a]);
        (score[a], score[b]) = (score[b], score[a]);
        (edge[a], edge[b]) = (edge[b], edge[a]);
    }

    private static void SiftUp(int[] seeker, int[] score, int[] edge, int baseSlot, int k)
    {
        while (k > 0)
        {
            int parent = (k - 1) >> 1;
            int a = baseSlot + parent;
            int b = baseSlot + k;
            if (!Better(score[a], seeker[a], score[b], seeker[b]))
            {
                break;
            }
            Swap(seeker, score, edge, a, b);
            k = parent;
        }
    }

    private static void SiftDown(int[] seeker, int[] score, int[] edge, int baseSlot, int count)
    {
        int k = 0;
        while (true)
        {
            int child = (2 * k) + 1;
            if (child >= count)
            {
                break;
            }
            int c = baseSlot + child;
            if (child + 1 < count && Better(score[c], seeker[c], score[c + 1], seeker[c + 1]))
            {
                c++;
                child++;
            }
            int a = baseSlot + k;
            if (!Better(score[a], seeker[a], score[c], seeker[c]))
            {
                break;
            }
            Swap(seeker, score, edge, a, c);
            k = child;
        }
    }
}
