#!/usr/bin/python3
"""Solve exported fair instances with scipy and print the objective in micro-points and the time.

Usage: fair_scipy.py PREFIX [dense|sparse|auto]
PREFIX.pairs.csv: seeker_id,post_id,score (6 decimals); PREFIX.posts.csv: post_id,openings.
dense:  linear_sum_assignment on seekers x (openings expanded + one zero dummy column per seeker),
        pairs outside the graph forbidden with a large negative benefit.
sparse: min_weight_full_bipartite_matching on the same bipartite graph kept sparse (weights shifted by +1
        micro-point because explicit zeros count as missing edges; the shift, n, is subtracted).
"""
import sys, time, resource
import numpy as np

prefix = sys.argv[1]
mode = sys.argv[2] if len(sys.argv) > 2 else "auto"
pairs = np.loadtxt(prefix + ".pairs.csv", delimiter=",", skiprows=1, dtype=str)
seeker = pairs[:, 0].astype(np.int64)
post = pairs[:, 1].astype(np.int64)
# exact micro-points from the 6-decimal text
score = np.array([int(x.replace(".", "")) for x in pairs[:, 2]], dtype=np.int64)
posts = np.loadtxt(prefix + ".posts.csv", delimiter=",", skiprows=1, dtype=np.int64).reshape(-1, 2)
cap = np.zeros(posts[:, 0].max() + 1, dtype=np.int64)
cap[posts[:, 0]] = posts[:, 1]
n = int(seeker.max()) + 1
# only openings that can be used: a post cannot take more seekers than it has pairs
indeg = np.bincount(post, minlength=len(cap))
cap = np.minimum(cap, indeg)
col_start = np.concatenate([[0], np.cumsum(cap)])
openings = int(col_start[-1])
cols = openings + n
name = prefix.split("/")[-1]
if mode == "auto":
    mode = "dense" if n * cols * 8 < 4 * 2**30 else "sparse"

if mode == "dense":
    from scipy.optimize import linear_sum_assignment
    t0 = time.perf_counter()
    benefit = np.full((n, cols), -1e12)
    for k in range(int(cap.max()) if len(cap) else 0):
        m = cap[post] > k
        benefit[seeker[m], col_start[post[m]] + k] = score[m]
    benefit[np.arange(n), openings + np.arange(n)] = 0.0
    t1 = time.perf_counter()
    rows, chosen = linear_sum_assignment(benefit, maximize=True)
    t2 = time.perf_counter()
    total = int(round(benefit[rows, chosen].sum()))
else:
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching
    t0 = time.perf_counter()
    reps = cap[post]
    r = np.repeat(seeker, reps)
    offs = np.concatenate([np.arange(k) for k in reps]) if len(reps) else np.zeros(0, dtype=np.int64)
    c = col_start[np.repeat(post, reps)] + offs
    w = np.repeat(score, reps).astype(np.float64) + 1.0
    r = np.concatenate([r, np.arange(n)])
    c = np.concatenate([c, openings + np.arange(n)])
    w = np.concatenate([w, np.ones(n)])
    g = csr_matrix((w, (r, c)), shape=(n, cols))
    t1 = time.perf_counter()
    rows, chosen = min_weight_full_bipartite_matching(g, maximize=True)
    t2 = time.perf_counter()
    total = int(round(np.asarray(g[rows, chosen]).sum())) - n
placed = int((chosen < openings).sum())
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"scipy {name} method={mode} total_micro={total} placed={placed} build_ms={(t1-t0)*1000:.1f} solve_ms={(t2-t1)*1000:.1f} peak_rss_mb={peak}")
