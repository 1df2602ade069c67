namespace JobHome.Matching.Assignment;

/// <summary>Exact capacitated min-cost assignment by shortest augmenting paths, one seeker at a time, with dual potentials.</summary>
/// <remarks>
/// <para><b>Model.</b> Rows are seekers, columns are posts (post p has k_p = min(Capacity[p], degree of p) openings that
/// share one column) plus one private "unplaced" column per seeker with cost 0 and capacity 1. Pair cost c = −w with
/// w = score (+ BIG for the placements objective). Every row must be assigned, so the problem is a min-cost assignment
/// of all rows, and every row always has a feasible choice (its own unplaced column).</para>
/// <para><b>Invariants</b> after seekers 0..k−1 are processed, with row potentials u and column potentials v:
/// (1) reduced cost r(i,j) = c(i,j) − u_i − v_j ≥ 0 for every processed row i and every column j it may use;
/// (2) r = 0 on every assigned pair; (3) v_j ≤ 0, and v_j &lt; 0 only for full columns (columns never lose seekers, so
/// full stays full); unplaced columns keep v = 0. These are dual feasibility and complementary slackness of the LP
/// min Σc·x s.t. each processed row assigned once, column j used ≤ k_j times (dual: max Σu + Σk_j v_j, v ≤ 0), so the
/// assignment cost Σ(u_i + v_j) = Σu + Σk_j v_j equals a dual bound: the assignment of rows 0..k−1 is optimal.</para>
/// <para><b>Step.</b> For a new seeker s set u_s = min(0, min_p c(s,p) − v_p), making its reduced costs ≥ 0. Dijkstra on
/// reduced costs from s: row i → column j costs r(i,j); a full post → each seeker in it costs 0 (tight assigned pair);
/// a seeker in a post → its own unplaced column costs −u_i. The first column popped with a free opening ends the search
/// at distance D (the unplaced column of s is always free, so a path exists). For every column j finalised before it,
/// v_j −= D − d_j, and every row i reached (rows share their column's distance) gets u_i += D − d_i. Edge by edge this
/// keeps r ≥ 0 (finalised/finalised: r + d_i − d_j ≥ 0; finalised row to unfinalised column: d_j ≥ D; the rest only
/// grow) and makes the shortest path tight; augmenting along it then restores (1)–(3) with one more row. All arithmetic
/// is exact in <see cref="long"/>: |costs| ≤ 1,000,000 + BIG and potentials are bounded by path sums of costs.</para>
/// <para>All arrays are allocated once per solve; per-seeker state is reset with stamps.</para>
/// </remarks>
internal sealed class OptimalAssignmentSolver
{
    private readonly int _seekers;
    private readonly int[] _edgeStart;
    private readonly int[] _edgePost;
    private readonly int[] _edgeScore;
    private readonly long _big;

    private readonly int[] _cap;
    private readonly int[] _occ;
    private readonly int[] _slotStart;
    private readonly int[] _slots;
    private readonly int[] _seekerSlot;
    private readonly int[] _assignedEdge;

    private readonly long[] _u;
    private readonly long[] _v;

    private readonly long[] _dist;
    private readonly int[] _seen;
    private readonly int[] _done;
    private readonly int[] _predRow;
    private readonly int[] _predEdge;
    private readonly int[] _heap;
    private readonly int[] _heapPos;
    private readonly int[] _finalized;
    private int _heapCount;
    private int _stamp;

    /// <summary>Prepares a solve of <paramref name="graph"/>; <paramref name="placementsFirst"/> adds BIG to every pair.</summary>
    public OptimalAssignmentSolver(CandidateGraph graph, bool placementsFirst)
    {
        _seekers = graph.SeekerCount;
        (_, _edgeStart, _edgePost, _edgeScore) = graph.Arrays;
        _big = placementsFirst ? (long)_seekers * CandidateGraph.ScoreScale + 1 : 0;

        int posts = graph.PostCount;
        _cap = new int[posts];
        foreach (int p in _edgePost)
        {
            _cap[p]++;
        }
        _slotStart = new int[posts + 1];
        for (int p = 0; p < posts; p++)
        {
            _cap[p] = Math.Min(_cap[p], graph.Capacity[p]);
            _slotStart[p + 1] = _slotStart[p] + _cap[p];
        }
        _occ = new int[posts];
        _slots = new int[_slotStart[posts]];
        _seekerSlot = new int[_seekers];
        _assignedEdge = new int[_seekers];
        Array.Fill(_assignedEdge, -1);
        _u = new long[_seekers];
        _v = new long[posts];
        _dist = new long[posts];
        _seen = new int[posts];
        _done = new int[posts];
        _predRow = new int[posts];
        _predEdge = new int[posts];
        _heap = new int[posts];
        _heapPos = new int[posts];
        _finalized = new int[posts];
    }

    /// <summary>The column (post) potentials v ≤ 0 after <see cref="Run"/>: −v_p is post p's dual price in micro score units.</summary>
    public ReadOnlySpan<long> ColumnPotentials => _v;

    /// <summary>Solves and returns each seeker's chosen edge, or -1 for unplaced.</summary>
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
        return _assignedEdge;
    }

    private long Cost(int e) => -(_edgeScore[e] + _big);

    private void AssignSeeker(int s)
    {
        int start = _edgeStart[s];
        int end = _edgeStart[s + 1];
        long min = 0;
        int freeAtMin = -1;
        for (int e = start; e < end; e++)
        {
            int p = _edgePost[e];
            int cap = _cap[p];
            if (cap == 0)
            {
                continue;
            }
            long rc = Cost(e) - _v[p];
            if (rc < min)
            {
                min = rc;
                freeAtMin = _occ[p] < cap ? e : -1;
            }
            else if (rc == min && freeAtMin < 0 && _occ[p] < cap)
            {
                freeAtMin = e;
            }
        }
        _u[s] = min;

        // Fast path: a cheapest column with a free opening needs no search (D = 0, potentials unchanged).
        if (freeAtMin >= 0)
        {
            AddToPost(s, _edgePost[freeAtMin]);
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
        _stamp++;
        _heapCount = 0;
        int finalizedCount = 0;

        // Free columns never expand the search, so only the cheapest one is kept (not heaped): it is an upper bound
        // on D, and full columns at or beyond it are never finalised, so they are neither heaped nor recorded.
        var best = new FreeCandidate { Dist = -_u[s], Column = -1, Row = s, Edge = -1 };
        RelaxRow(s, 0, s, ref best);
        while (_heapCount > 0 && _dist[_heap[0]] < best.Dist)
        {
            int j = PopMin();
            _done[j] = _stamp;
            _finalized[finalizedCount++] = j;
            long dj = _dist[j];
            for (int k = _slotStart[j], last = _slotStart[j] + _occ[j]; k < last; k++)
            {
                RelaxRow(_slots[k], dj, s, ref best);
            }
        }
        long total = best.Dist;

        // Potentials: finalised columns and their rows move by D − d so that r stays ≥ 0 and the path becomes tight.
        for (int f = 0; f < finalizedCount; f++)
        {
            int j = _finalized[f];
            long delta = total - _dist[j];
            if (delta == 0)
            {
                continue;
            }
            _v[j] -= delta;
            for (int k = _slotStart[j], last = _slotStart[j] + _occ[j]; k < last; k++)
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
                RemoveFromPost(row, _edgePost[oldEdge]);
            }
            if (edge >= 0)
            {
                AddToPost(row, _edgePost[edge]);
            }
            _assignedEdge[row] = edge;
            if (row == s)
            {
                return;
            }
            int column = _edgePost[oldEdge];
            row = _predRow[column];
            edge = _predEdge[column];
        }
    }

    private void RelaxRow(int i, long di, int source, ref FreeCandidate best)
    {
        long baseCost = di - _u[i];
        if (i != source && baseCost < best.Dist)
        {
            // The row's own "unplaced" column: free (the row sits in a post), reduced cost −u_i.
            best = new FreeCandidate { Dist = baseCost, Column = -1, Row = i, Edge = -1 };
        }
        for (int e = _edgeStart[i], end = _edgeStart[i + 1]; e < end; e++)
        {
            int p = _edgePost[e];
            int cap = _cap[p];
            if (cap == 0 || _done[p] == _stamp)
            {
                continue;
            }
            long nd = baseCost + Cost(e) - _v[p];
            if (nd >= best.Dist)
            {
                continue;
            }
            if (_occ[p] < cap)
            {
                best = new FreeCandidate { Dist = nd, Column = p, Row = i, Edge = e };
            }
            else if (_seen[p] != _stamp)
            {
                _seen[p] = _stamp;
                _dist[p] = nd;
                _predRow[p] = i;
                _predEdge[p] = e;
                Push(p);
            }
            else if (nd < _dist[p])
            {
                _dist[p] = nd;
                _predRow[p] = i;
                _predEdge[p] = e;
                SiftUp(_heapPos[p]);
            }
        }
    }

    private void AddToPost(int i, int p)
    {
        int slot = _slotStart[p] + _occ[p]++;
        _slots[slot] = i;
        _seekerSlot[i] = slot;
    }

    private void RemoveFromPost(int i, int p)
    {
        int last = _slotStart[p] + --_occ[p];
        int slot = _seekerSlot[i];
        int moved = _slots[last];
        _slots[slot] = moved;
        _seekerSlot[moved] = slot;
    }

    private void Push(int p)
    {
        int k = _heapCount++;
        _heap[k] = p;
        _heapPos[p] = k;
        SiftUp(k);
    }

    private int PopMin()
    {
        int top = _heap[0];
        int last = _heap[--_heapCount];
        if (_heapCount > 0)
        {
            _heap[0] = last;
            _heapPos[last] = 0;
            SiftDown(0);
        }
        return top;
    }

    private void SiftUp(int k)
    {
        int item = _heap[k];
        long key = _dist[item];
        while (k > 0)
        {
            int parent = (k - 1) >> 1;
            int other = _heap[parent];
            if (_dist[other] <= key)
            {
                break;
            }
            _heap[k] = other;
            _heapPos[other] = k;
            k = parent;
        }
        _heap[k] = item;
        _heapPos[item] = k;
    }

    private void SiftDown(int k)
    {
        int item = _heap[k];
        long key = _dist[item];
        int count = _heapCount;
        while (true)
        {
            int child = (2 * k) + 1;
            if (child >= count)
            {
                break;
            }
            int right = child + 1;
            if (right < count && _dist[_heap[right]] < _dist[_heap[child]])
            {
                child = right;
            }
            int other = _heap[child];
            if (_dist[other] >= key)
            {
                break;
            }
            _heap[k] = other;
            _heapPos[other] = k;
            k = child;
        }
        _heap[k] = item;
        _heapPos[item] = k;
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
