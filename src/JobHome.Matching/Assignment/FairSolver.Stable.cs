using System.Diagnostics;

namespace JobHome.Matching.Assignment;

/// <summary>Seeker-proposing deferred acceptance with capacities.</summary>
public static partial class FairSolver
{
    private static FairAssignment SolveStable(CandidateGraph graph, IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int n = graph.SeekerCount;
        int postCount = graph.PostCount;
        int[] start = graph.EdgeStart;
        int[] edgePost = graph.EdgePost;
        int[] edgeScore = graph.EdgeScore;
        int[] capacity = EffectiveCapacity(graph, out int[] slotStart);

        // Each seeker's edges in preference order: score descending, then post index ascending.
        int m = edgePost.Length;
        int[] order = new int[m];
        long[] keys = new long[m];
        for (int e = 0; e < m; e++)
        {
            order[e] = e;
            keys[e] = ((long)(CandidateGraph.ScoreScale - edgeScore[e]) << 32) | (uint)edgePost[e];
        }
        for (int s = 0; s < n; s++)
        {
            int length = start[s + 1] - start[s];
            if (length > 1)
            {
                Array.Sort(keys, order, start[s], length);
            }
        }
        progress?.Report(new SolveProgress("preferences", n, n));
        TimeSpan prepared = clock.Elapsed;

        // A post holds its seekers in a min-heap of rank keys (worst on top): score, then lower seeker index better.
        long[] heldKey = new long[slotStart[postCount]];
        int[] heldSeeker = new int[slotStart[postCount]];
        int[] load = new int[postCount];
        int[] postOf = new int[n];
        int[] edgeOf = new int[n];
        int[] next = new int[n];
        int[] free = new int[n];
        int freeCount = 0;
        for (int s = n - 1; s >= 0; s--)
        {
            postOf[s] = -1;
            edgeOf[s] = -1;
            next[s] = start[s];
            free[freeCount++] = s;
        }

        long proposals = 0;
        while (freeCount > 0)
        {
            int s = free[--freeCount];
            while (next[s] < start[s + 1])
            {
                if ((++proposals & ((ProgressEvery * 64) - 1)) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new SolveProgress("proposals", proposals, m));
                }
                int e = order[next[s]++];
                int p = edgePost[e];
                if (capacity[p] == 0)
                {
                    continue;
                }
                long key = ((long)edgeScore[e] << 32) | (uint)(int.MaxValue - s);
                int baseSlot = slotStart[p];
                if (load[p] < capacity[p])
                {
                    HeapInsert(heldKey, heldSeeker, baseSlot, load[p]++, key, s);
                    postOf[s] = p;
                    edgeOf[s] = e;
                    break;
                }
                if (heldKey[baseSlot] < key)
                {
                    int evicted = heldSeeker[baseSlot];
                    HeapReplaceTop(heldKey, heldSeeker, baseSlot, load[p], key, s);
                    postOf[s] = p;
                    edgeOf[s] = e;
                    postOf[evicted] = -1;
                    edgeOf[evicted] = -1;
                    free[freeCount++] = evicted;
                    break;
                }
            }
        }
        progress?.Report(new SolveProgress("proposals", proposals, proposals));

        long total = 0;
        int placedCount = 0;
        for (int s = 0; s < n; s++)
        {
            if (postOf[s] >= 0)
            {
                total += edgeScore[edgeOf[s]];
                placedCount++;
            }
        }
        return new FairAssignment(postOf, total, placedCount) { WarmStartTime = prepared, SolveTime = clock.Elapsed - prepared };
    }

    private static void HeapInsert(long[] keys, int[] items, int offset, int count, long key, int item)
    {
        int i = count;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (keys[offset + parent] <= key)
            {
                break;
            }
            keys[offset + i] = keys[offset + parent];
            items[offset + i] = items[offset + parent];
            i = parent;
        }
        keys[offset + i] = key;
        items[offset + i] = item;
    }

    private static void HeapReplaceTop(long[] keys, int[] items, int offset, int count, long key, int item)
    {
        int i = 0;
        while (true)
        {
            int child = (2 * i) + 1;
            if (child >= count)
            {
                break;
            }
            if (child + 1 < count && keys[offset + child + 1] < keys[offset + child])
            {
                child++;
            }
            if (keys[offset + child] >= key)
            {
                break;
            }
            keys[offset + i] = keys[offset + child];
            items[offset + i] = items[offset + child];
            i = child;
        }
        keys[offset + i] = key;
        items[offset + i] = item;
    }
}
