using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace JobHome.Matching.Assignment;

/// <summary>
/// Bulk assignment for recruitment fairs over a <see cref="CandidateGraph"/>: each seeker takes at most one post,
/// each post at most its openings, only along the graph's edges.
/// </summary>
/// <remarks>
/// <para><b>Optimal</b>: an exact primal–dual shortest-augmenting-path method (Jonker–Volgenant style, generalised to
/// capacities). Every seeker must be assigned to one of its posts or to a virtual "unplaced" post U of weight 0 and
/// unlimited capacity. The solver keeps dual values <c>u[s]</c> (seekers) and <c>v[p] ≤ 0</c> (posts) with reduced cost
/// <c>-w(s,p) - u[s] - v[p] ≥ 0</c> on every edge and <c>-u[s] ≥ 0</c> towards U, equality on every used edge, and
/// <c>v[p] &lt; 0</c> only for full posts. A greedy warm start places seekers on their tight best edge; each remaining
/// seeker is then routed by one Dijkstra on reduced costs (binary heap) that stops at the first post with a free
/// opening or at U, followed by a dual update that preserves the invariants. When every seeker is routed these are
/// exactly the LP complementary-slackness conditions of the (integral) bipartite b-matching LP, so the total is the
/// exact optimum; all arithmetic is in <see cref="long"/> micro-points.</para>
/// <para>Weights: <see cref="FairObjective.Score"/> uses <c>w = score</c>; zero-score edges may or may not be used
/// (U wins ties), which never changes the total. <see cref="FairObjective.Placements"/> uses
/// <c>w = score + BIG</c> with <c>BIG = seekers × 1,000,000 + 1</c> larger than any total score, so the optimum places
/// the maximum number of seekers and, among those, has the maximum total score.</para>
/// <para><b>Stable</b>: seeker-proposing deferred acceptance; the objective is ignored. Seekers rank posts by score,
/// ties to the lower post index; posts rank seekers by score, ties to the lower seeker index.</para>
/// </remarks>
public static partial class FairSolver
{
    private const int ProgressEvery = 1024;

    /// <summary>Solves a fair assignment on <paramref name="graph"/>.</summary>
    public static FairAssignment Solve(
        CandidateGraph graph,
        FairObjective objective,
        FairMode mode,
        IProgress<SolveProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (objective is not (FairObjective.Score or FairObjective.Placements))
        {
            throw new ArgumentOutOfRangeException(nameof(objective));
        }
        Validate(graph);
        return mode switch
        {
            FairMode.Optimal => SolveOptimal(graph, objective, progress, cancellationToken),
            FairMode.Stable => SolveStable(graph, progress, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
    }

    private static void Validate(CandidateGraph graph)
    {
        int postCount = graph.PostCount;
        foreach (int c in graph.Capacity)
        {
            if (c < 0)
            {
                throw new ArgumentException("capacities must not be negative", nameof(graph));
            }
        }
        int[] start = graph.EdgeStart;
        for (int s = 0; s < graph.SeekerCount; s++)
        {
            if (start[s + 1] < start[s])
            {
                throw new ArgumentException("edge starts must not decrease", nameof(graph));
            }
        }
        int[] edgePost = graph.EdgePost;
        int[] edgeScore = graph.EdgeScore;
        for (int e = 0; e < edgePost.Length; e++)
        {
            if ((uint)edgePost[e] >= (uint)postCount)
            {
                throw new ArgumentException("edge names an unknown post", nameof(graph));
            }
            if ((uint)edgeScore[e] > CandidateGraph.ScoreScale)
            {
                throw new ArgumentException("edge score outside 0..1,000,000", nameof(graph));
            }
        }
    }

    /// <summary>Openings that can be used at all: a post cannot take more seekers than it has edges.</summary>
    private static int[] EffectiveCapacity(CandidateGraph graph, out int[] slotStart)
    {
        int postCount = graph.PostCount;
        int[] capacity = new int[postCount];
        foreach (int p in graph.EdgePost)
        {
            capacity[p]++;
        }
        slotStart = new int[postCount + 1];
        for (int p = 0; p < postCount; p++)
        {
            capacity[p] = Math.Min(capacity[p], graph.Capacity[p]);
            slotStart[p + 1] = slotStart[p] + capacity[p];
        }
        return capacity;
    }

    private static FairAssignment SolveOptimal(
        CandidateGraph graph, FairObjective objective, IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int n = graph.SeekerCount;
        int postCount = graph.PostCount;
        int[] start = graph.EdgeStart;
        int[] edgePost = graph.EdgePost;
        int[] edgeScore = graph.EdgeScore;
        int[] capacity = EffectiveCapacity(graph, out int[] slotStart);
        long big = objective == FairObjective.Placements ? ((long)n * CandidateGraph.ScoreScale) + 1 : 0;

        int[] slotSeeker = new int[slotStart[postCount]];
        int[] load = new int[postCount];
        int[] postOf = new int[n];
        int[] edgeOf = new int[n];
        int[] slotOf = new int[n];
        long[] u = new long[n];
        long[] v = new long[postCount];
        int[] pending = new int[n];
        int pendingCount = 0;

        // Warm start: u[s] = -max(best weight, 0) is dual feasible with v = 0; a best edge is tight.
        for (int s = 0; s < n; s++)
        {
            postOf[s] = -1;
            edgeOf[s] = -1;
            long best = 0;
            for (int e = start[s]; e < start[s + 1]; e++)
            {
                if (capacity[edgePost[e]] > 0)
                {
                    best = Math.Max(best, edgeScore[e] + big);
                }
            }
            u[s] = -best;
            if (best == 0)
            {
                continue;
            }
            bool placed = false;
            for (int e = start[s]; e < start[s + 1]; e++)
            {
                int p = edgePost[e];
                if (edgeScore[e] + big == best && load[p] < capacity[p])
                {
                    int slot = slotStart[p] + load[p]++;
                    slotSeeker[slot] = s;
                    postOf[s] = p;
                    edgeOf[s] = e;
                    slotOf[s] = slot;
                    placed = true;
                    break;
                }
            }
            if (!placed)
            {
                pending[pendingCount++] = s;
            }
        }
        progress?.Report(new SolveProgress("warm start", n, n));
        TimeSpan warm = clock.Elapsed;

        long[] dist = new long[postCount];
        int[] distStamp = new int[postCount];
        int[] settledStamp = new int[postCount];
        int[] predSeeker = new int[postCount];
        int[] predEdge = new int[postCount];
        int[] settled = new int[postCount];
        var heap = new PathHeap(1024);
        int searchId = 0;

        for (int i = 0; i < pendingCount; i++)
        {
            if ((i & (ProgressEvery - 1)) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new SolveProgress("augment", i, pendingCount));
            }
            int s0 = pending[i];
            searchId++;
            heap.Clear();
            int settledCount = 0;
            long bestU = -u[s0];
            int bestUSeeker = s0;
            int terminal = -1;
            long target = 0;
            Relax(s0, 0, bestU, searchId, big, graph, capacity, u, v, settledStamp, distStamp, dist, predSeeker, predEdge, heap);
            while (heap.Count > 0 && heap.MinKey < bestU)
            {
                int p = heap.Pop(out long d);
                if (settledStamp[p] == searchId)
                {
                    continue;
                }
                settledStamp[p] = searchId;
                if (load[p] < capacity[p])
                {
                    terminal = p;
                    target = d;
                    break;
                }
                settled[settledCount++] = p;
                int first = slotStart[p];
                int last = first + load[p];
                for (int slot = first; slot < last; slot++)
                {
                    int s = slotSeeker[slot];
                    long viaU = d - u[s];
                    if (viaU < bestU)
                    {
                        bestU = viaU;
                        bestUSeeker = s;
                    }
                }
                for (int slot = first; slot < last; slot++)
                {
                    Relax(slotSeeker[slot], d, bestU, searchId, big, graph, capacity, u, v, settledStamp, distStamp, dist, predSeeker, predEdge, heap);
                }
            }
            if (terminal < 0)
            {
                target = bestU;
            }

            // Dual update: settled posts and their seekers shift by (target - dist), the root by target.
            for (int k = 0; k < settledCount; k++)
            {
                int p = settled[k];
                long delta = target - dist[p];
                if (delta > 0)
                {
                    v[p] -= delta;
                    for (int slot = slotStart[p], end = slot + load[p]; slot < end; slot++)
                    {
                        u[slotSeeker[slot]] += delta;
                    }
                }
            }
            u[s0] += target;

            // Augment along the predecessor chain; intermediate posts keep their load, the terminal gains one.
            int q;
            int newSlot;
            int mover;
            if (terminal >= 0)
            {
                q = terminal;
                newSlot = slotStart[q] + load[q]++;
                mover = predSeeker[q];
            }
            else
            {
                q = -1;
                newSlot = -1;
                mover = bestUSeeker;
            }
            while (true)
            {
                int oldPost = postOf[mover];
                int oldSlot = slotOf[mover];
                if (q >= 0)
                {
                    postOf[mover] = q;
                    edgeOf[mover] = predEdge[q];
                    slotOf[mover] = newSlot;
                    slotSeeker[newSlot] = mover;
                }
                else
                {
                    postOf[mover] = -1;
                    edgeOf[mover] = -1;
                }
                if (mover == s0)
                {
                    break;
                }
                q = oldPost;
                newSlot = oldSlot;
                mover = predSeeker[q];
            }
        }
        progress?.Report(new SolveProgress("augment", pendingCount, pendingCount));

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
        return new FairAssignment(postOf, total, placedCount) { WarmStartTime = warm, SolveTime = clock.Elapsed - warm };
    }

    /// <summary>Relaxes a reached seeker's edges; entries that cannot beat the best route to U are not queued.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Relax(
        int s, long ds, long bound, int searchId, long big, CandidateGraph graph, int[] capacity, long[] u, long[] v,
        int[] settledStamp, int[] distStamp, long[] dist, int[] predSeeker, int[] predEdge, PathHeap heap)
    {
        int[] edgePost = graph.EdgePost;
        int[] edgeScore = graph.EdgeScore;
        long baseDist = ds - big - u[s];
        for (int e = graph.EdgeStart[s], end = graph.EdgeStart[s + 1]; e < end; e++)
        {
            int q = edgePost[e];
            long nd = baseDist - edgeScore[e] - v[q];
            if (nd >= bound || settledStamp[q] == searchId || capacity[q] == 0)
            {
                continue;
            }
            if (distStamp[q] != searchId || nd < dist[q])
            {
                distStamp[q] = searchId;
                dist[q] = nd;
                predSeeker[q] = s;
                predEdge[q] = e;
                heap.Push(nd, q);
            }
        }
    }
}
