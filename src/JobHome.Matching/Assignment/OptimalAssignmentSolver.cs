namespace JobHome.Matching.Assignment;

/// <summary>Exact capacitated min-cost assignment by shortest augmenting paths, one seeker at a time, with dual potentials.</summary>
/// <remarks>
/// <para><b>Model.</b> Rows are seekers, columns are posts (post p has k_p = min(Capacity[p], degree of p) openings that
/// share one column) plus one private "unplaced" column per seeker with cost 0 and capacity 1. Pair cost c = −w with
/// w = score (+ BIG for the placements objective). Every row must be assigned, so the problem is a min-cost assignment
/// of all rows, and every row always has a feasible choice (its own unplaced column).</para>
/// <para><b>Invariants</b> after any k seekers are processed, with row potentials u and column potentials v:
/// (1) reduced cost r(i,j) = c(i,j) − u_i − v_j ≥ 0 for every processed row i and every column j it may use;
/// (2) r = 0 on every assigned pair; (3) v_j ≤ 0, and v_j &lt; 0 only for full columns (columns never lose seekers, so
/// full stays full); unplaced columns keep v = 0. These are dual feasibility and complementary slackness of the LP
/// min Σc·x s.t. each processed row assigned once, column j used ≤ k_j times (dual: max Σu + Σk_j v_j, v ≤ 0), so the
/// assignment cost Σ(u_i + v_j) = Σu + Σk_j v_j equals a dual bound: the assignment of the processed rows is optimal.</para>
/// <para><b>Step.</b> For a new seeker s set u_s = min(0, min_p c(s,p) − v_p), making its reduced costs ≥ 0. Dijkstra on
/// reduced costs from s: row i → column j costs r(i,j); a full post → each seeker in it costs 0 (tight assigned pair);
/// a seeker in a post → its own unplaced column costs −u_i. The first column popped with a free opening ends the search
/// at distance D (the unplaced column of s is always free, so a path exists). For every column j finalised before it,
/// v_j −= D − d_j, and every row i reached (rows share their column's distance) gets u_i += D − d_i. Edge by edge this
/// keeps r ≥ 0 (finalised/finalised: r + d_i − d_j ≥ 0; finalised row to unfinalised column: d_j ≥ D; the rest only
/// grow) and makes the shortest path tight; augmenting along it then restores (1)–(3) with one more row. All arithmetic
/// is exact in <see cref="long"/>: |costs| ≤ 1,000,000 + BIG and potentials are bounded by path sums of costs.</para>
/// <para><b>Pruning.</b> Each row's edges are scanned best score first (the graph builder writes rows that way; other
/// rows are sorted into a private copy). Since v ≤ 0, an edge's tentative distance is at least d_i − u_i + c(i,j), which
/// only grows along the row, so the scan stops at the first edge whose bound reaches the cheapest free column seen: no
/// later edge can improve the search. The same holds for the row minimum that sets u_s.</para>
/// <para>Seekers are taken grouped by their best post (see <see cref="GroupedByBestPost"/>), rows laid out in that
/// order (see <see cref="InOrder"/>). All arrays are allocated once per solve; per-seeker state is reset with stamps.
/// The scan is bound by cache misses, so the per-post fields read on every edge (potential, free openings, search
/// mark) share one 16-byte struct, posts that can take nobody get v = −∞ (their distance never beats a bound, so no
/// test is needed), and each edge's post and score sit side by side.</para>
/// </remarks>
internal sealed class OptimalAssignmentSolver
{
    /// <summary>v of a post that can take nobody: any distance through it exceeds every bound, without overflow.</summary>
    private const long Unusable = long.MinValue / 4;

    private readonly int _seekers;
    private readonly int[] _edgeStart;
    private readonly Edge[] _edges;
    private readonly int[] _graphEdge;
    private readonly int[] _seekerAt;
    private readonly long _big;

    private readonly Column[] _columns;
    private readonly int[] _slotStart;
    private readonly int[] _slots;
    private readonly int[] _seekerSlot;
    private readonly int[] _assignedEdge;
    private readonly long[] _u;

    private readonly long[] _dist;
    private readonly int[] _predRow;
    private readonly int[] _predEdge;
    private readonly int[] _finalized;
    private readonly ColumnHeap _heap;
    private int _seenMark;

    /// <summary>Prepares a solve of <paramref name="graph"/>; <paramref name="placementsFirst"/> adds BIG to every pair.</summary>
    public OptimalAssignmentSolver(CandidateGraph graph, bool placementsFirst)
    {
        _seekers = graph.SeekerCount;
        (_, int[] graphStart, int[] edgePost, int[] edgeScore) = graph.Arrays;
        _seekerAt = GroupedByBestPost(edgePost, edgeScore, graphStart, _seekers);
        (_edgeStart, _edges, _graphEdge) = InOrder(edgePost, edgeScore, graphStart, _seekerAt);
        _big = placementsFirst ? (long)_seekers * CandidateGraph.ScoreScale + 1 : 0;

        int posts = graph.PostCount;
        var degree = new int[posts];
        foreach (int p in edgePost)
        {
            degree[p]++;
        }
        _columns = new Column[posts];
        _slotStart = new int[posts + 1];
        for (int p = 0; p < posts; p++)
        {
            int cap = Math.Min(degree[p], graph.Capacity[p]);
            _columns[p].Free = cap;
            _columns[p].V = cap == 0 ? Unusable : 0;
            _slotStart[p + 1] = _slotStart[p] + cap;
        }
        _slots = new int[_slotStart[posts]];
        _seekerSlot = new int[_seekers];
        _assignedEdge = new int[_seekers];
        Array.Fill(_assignedEdge, -1);
        _u = new long[_seekers];
        _dist = new long[posts];
        _predRow = new int[posts];
        _predEdge = new int[posts];
        _finalized = new int[posts];
        _heap = new ColumnHeap(posts);
    }

    /// <summary>Column (post) potentials v ≤ 0 after <see cref="Run"/>, copied: −v_p is post p's dual price (micro-points).</summary>
    public ReadOnlySpan<long> ColumnPotentials
    {
        get
        {
            var v = new long[_columns.Length];
            for (int p = 0; p < v.Length; p++)
            {
                v[p] = _columns[p].V == Unusable ? 0 : _columns[p].V;
            }
            return v;
        }
    }

    /// <summary>Solves and returns each seeker's chosen edge (an index into the graph's edges), or -1 for unplaced.</summary>
    public int[] Run(IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        const string Phase = "optimal";
        int step = Math.Max(1, _seekers / 100);
        progress?.Report(new SolveProgress(Phase, 0, _seekers));
        for (int s = 0; s < _seekers; s++)
        {
            if ((s & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            AssignSeeker(s);
            if (progress is not null && (s + 1) % step == 0 && s + 1 < _seekers)
            {
                progress.Report(new SolveProgress(Phase, s + 1, _seekers));
            }
        }
        progress?.Report(new SolveProgress(Phase, _seekers, _seekers));
        var result = new int[_seekers];
        for (int s = 0; s < _seekers; s++)
        {
            result[_seekerAt[s]] = _assignedEdge[s] < 0 ? -1 : _graphEdge[_assignedEdge[s]];
        }
        return result;
    }

    /// <summary>
    /// Seekers grouped by the post of their best edge (seekers without edges last), input order within a group.
    /// </summary>
    /// <remarks>
    /// Any order ends optimal (the invariants hold after each seeker); the order only picks which optimum is returned
    /// among ties. Seekers that want the same post in a row keep the posts and rows a search touches in cache, which
    /// cut the solve of the 120,000 × 50,000 fair by about a fifth.
    /// </remarks>
    private static int[] GroupedByBestPost(int[] edgePost, int[] edgeScore, int[] edgeStart, int seekers)
    {
        var keys = new long[seekers];
        var order = new int[seekers];
        for (int i = 0; i < seekers; i++)
        {
            order[i] = i;
            int best = -1;
            for (int e = edgeStart[i], end = edgeStart[i + 1]; e < end; e++)
            {
                if (best < 0 || edgeScore[e] > edgeScore[best])
                {
                    best = e;
                }
            }
            long post = best < 0 ? int.MaxValue : edgePost[best];
            keys[i] = (post << 32) | (uint)i;
        }
        Array.Sort(keys, order);
        return order;
    }

    /// <summary>
    /// The rows laid out in processing order (row r is seeker <paramref name="seekerAt"/>[r]), each best score first
    /// (ties in graph order), with the graph index of every edge. Seekers solved one after the other, whose rows a
    /// search reads together, then sit together in memory.
    /// </summary>
    private static (int[] Start, Edge[] Edges, int[] GraphEdge) InOrder(int[] edgePost, int[] edgeScore, int[] edgeStart,
        int[] seekerAt)
    {
        var start = new int[seekerAt.Length + 1];
        var laid = new Edge[edgePost.Length];
        var graphEdge = new int[edgePost.Length];
        var keys = Array.Empty<long>();
        int k = 0;
        for (int r = 0; r < seekerAt.Length; r++)
        {
            int from = edgeStart[seekerAt[r]];
            int length = edgeStart[seekerAt[r] + 1] - from;
            bool sorted = true;
            for (int e = from + 1; e < from + length; e++)
            {
                sorted &= edgeScore[e] <= edgeScore[e - 1];
            }
            if (sorted)
            {
                for (int e = from; e < from + length; e++, k++)
                {
                    laid[k] = new Edge { Post = edgePost[e], Score = edgeScore[e] };
                    graphEdge[k] = e;
                }
            }
            else
            {
                // Key: highest score first, then graph order; the low half is the graph edge index.
                if (keys.Length < length)
                {
                    keys = new long[Math.Max(length, keys.Length * 2)];
                }
                for (int j = 0; j < length; j++)
                {
                    keys[j] = ((long)(CandidateGraph.ScoreScale - edgeScore[from + j]) << 32) | (uint)(from + j);
                }
                keys.AsSpan(0, length).Sort();
                for (int j = 0; j < length; j++, k++)
                {
                    int e = (int)(uint)keys[j];
                    laid[k] = new Edge { Post = edgePost[e], Score = edgeScore[e] };
                    graphEdge[k] = e;
                }
            }
            start[r + 1] = k;
        }
        return (start, laid, graphEdge);
    }

    private void AssignSeeker(int s)
    {
        int start = _edgeStart[s];
        int end = _edgeStart[s + 1];
        long min = 0;
        int freeAtMin = -1;
        for (int e = start; e < end; e++)
        {
            // c(s,e) is a lower bound of the reduced cost (v ≤ 0) and grows along the row.
            long cost = -(_edges[e].Score + _big);
            if (cost > min || (cost == min && freeAtMin >= 0))
            {
                break;
            }
            ref Column column = ref _columns[_edges[e].Post];
            long rc = cost - column.V;
            if (rc < min)
            {
                min = rc;
                freeAtMin = column.Free > 0 ? e : -1;
            }
            else if (rc == min && freeAtMin < 0 && column.Free > 0)
            {
                freeAtMin = e;
            }
        }
        _u[s] = min;

        // Fast path: a cheapest column with a free opening needs no search (D = 0, potentials unchanged).
        if (freeAtMin >= 0)
        {
            AddToPost(s, _edges[freeAtMin].Post);
            _assignedEdge[s] = freeAtMin;
            return;
        }
        if (min == 0)
        {
            return;
        }
        Search(s);
    }

    private void Search(int s)
    {
        // Two marks per search: seen (in the heap) and finalised (popped).
        _seenMark += 2;
        int doneMark = _seenMark + 1;
        _heap.Clear();
        int finalizedCount = 0;

        // Free columns never expand the search, so only the cheapest one is kept (not heaped): it is an upper bound
        // on D, and full columns at or beyond it are never finalised, so they are neither heaped nor recorded.
        var best = new FreeCandidate { Dist = -_u[s], Column = -1, Row = s, Edge = -1 };
        RelaxRow(s, 0, s, ref best);
        while (_heap.Count > 0 && _heap.MinKey < best.Dist)
        {
            int j = _heap.PopMin();
            _columns[j].Mark = doneMark;
            _finalized[finalizedCount++] = j;
            long dj = _dist[j];
            for (int k = _slotStart[j], last = _slotStart[j + 1]; k < last; k++)
            {
                RelaxRow(_slots[k], dj, s, ref best);
            }
        }
        long total = best.Dist;

        // Potentials: finalised columns and their rows move by D − d so that r stays ≥ 0 and the path becomes tight.
        // Finalised columns are full, so their slots are exactly their seekers.
        for (int f = 0; f < finalizedCount; f++)
        {
            int j = _finalized[f];
            long delta = total - _dist[j];
            if (delta == 0)
            {
                continue;
            }
            _columns[j].V -= delta;
            for (int k = _slotStart[j], last = _slotStart[j + 1]; k < last; k++)
            {
                _u[_slots[k]] += delta;
            }
        }
        _u[s] += total;

        // Augment along the predecessor chain back to s.
        int row = best.Row;
        int edge = best.Edge;
        while (true)
        {
            int oldEdge = _assignedEdge[row];
            if (oldEdge >= 0)
            {
                RemoveFromPost(row, _edges[oldEdge].Post);
            }
            if (edge >= 0)
            {
                AddToPost(row, _edges[edge].Post);
            }
            _assignedEdge[row] = edge;
            if (row == s)
            {
                return;
            }
            int post = _edges[oldEdge].Post;
            row = _predRow[post];
            edge = _predEdge[post];
        }
    }

    private void RelaxRow(int i, long di, int source, ref FreeCandidate best)
    {
        long rowBase = di - _u[i];
        if (i != source && rowBase < best.Dist)
        {
            // The row's own "unplaced" column: free (the row sits in a post), reduced cost −u_i.
            best = new FreeCandidate { Dist = rowBase, Column = -1, Row = i, Edge = -1 };
        }
        rowBase -= _big;
        int seenMark = _seenMark;
        for (int e = _edgeStart[i], end = _edgeStart[i + 1]; e < end; e++)
        {
            // Lower bound of the tentative distance (v ≤ 0), growing along the row: nothing further can beat best.
            Edge edge = _edges[e];
            long bound = rowBase - edge.Score;
            if (bound >= best.Dist)
            {
                break;
            }
            ref Column column = ref _columns[edge.Post];
            long nd = bound - column.V;
            if (nd >= best.Dist || column.Mark == seenMark + 1)
            {
                continue;
            }
            int p = edge.Post;
            if (column.Free > 0)
            {
                best = new FreeCandidate { Dist = nd, Column = p, Row = i, Edge = e };
            }
            else if (column.Mark != seenMark)
            {
                column.Mark = seenMark;
                _dist[p] = nd;
                _predRow[p] = i;
                _predEdge[p] = e;
                _heap.Push(p, nd);
            }
            else if (nd < _dist[p])
            {
                _dist[p] = nd;
                _predRow[p] = i;
                _predEdge[p] = e;
                _heap.Decrease(p, nd);
            }
        }
    }

    private void AddToPost(int i, int p)
    {
        int occupied = _slotStart[p + 1] - _slotStart[p] - _columns[p].Free--;
        int slot = _slotStart[p] + occupied;
        _slots[slot] = i;
        _seekerSlot[i] = slot;
    }

    private void RemoveFromPost(int i, int p)
    {
        int last = _slotStart[p + 1] - ++_columns[p].Free;
        int slot = _seekerSlot[i];
        int moved = _slots[last];
        _slots[slot] = moved;
        _seekerSlot[moved] = slot;
    }

    /// <summary>One edge of a row: the post and the score in micro-points.</summary>
    private struct Edge
    {
        public int Post;
        public int Score;
    }

    /// <summary>A post column's hot state (16 bytes): potential, search mark and openings still free.</summary>
    private struct Column
    {
        public long V;
        public int Mark;
        public int Free;
    }

    /// <summary>The cheapest column with a free opening seen so far: a post (Column ≥ 0) or Row's unplaced column.</summary>
    private struct FreeCandidate
    {
        public long Dist;
        public int Column;
        public int Row;
        public int Edge;
    }
}
