#!/usr/bin/python3
"""Solve an exported fair instance with scipy and compare with JobHome's FairSolver (ours.txt).

Usage: lsa.py DIR   (DIR holds pairs.csv, posts.csv, ours.txt written by `JobHome.Benchmarks export-fair`)

Model: maximise integer micro-point weights; every post's openings become separate columns; one dummy column per
seeker (weight 0, only that seeker) lets a seeker stay unplaced. Objective "score": weight = score; objective
"placements": weight = score + BIG with BIG = seekers * 1_000_000 + 1 (placed = total // BIG, score = total % BIG).
Dense linear_sum_assignment is used when the matrix fits in DENSE_LIMIT entries; otherwise (and also when it fits)
the sparse min_weight_full_bipartite_matching runs on the same graph with dummies.
"""
import csv
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

DENSE_LIMIT = 120_000_000  # float64 entries (~1 GB)


def micro(text):
    whole, _, frac = text.partition(".")
    return int(whole) * 1_000_000 + int((frac + "000000")[:6])


def load(directory):
    seekers, posts, scores = [], [], []
    with open(f"{directory}/pairs.csv", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for s, p, w in reader:
            seekers.append(int(s))
            posts.append(int(p))
            scores.append(micro(w))
    caps = {}
    with open(f"{directory}/posts.csv", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for p, c in reader:
            caps[int(p)] = int(c)
    cap = np.zeros(max(caps) + 1 if caps else 0, dtype=np.int64)
    for p, c in caps.items():
        cap[p] = c
    ours = {}
    with open(f"{directory}/ours.txt") as handle:
        for line in handle:
            name, ms, placed, score = line.split()
            ours[name] = (float(ms), int(placed), int(score))
    return np.array(seekers, dtype=np.int64), np.array(posts, dtype=np.int64), np.array(scores, dtype=np.int64), cap, ours


def expand(rows, posts, cap):
    """One entry per (pair, opening of its post): returns pair index and opening column of every entry."""
    col_start = np.concatenate(([0], np.cumsum(cap)))[:-1]
    counts = cap[posts]
    pair = np.repeat(np.arange(len(posts)), counts)
    offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return pair, col_start[posts][pair] + offset


def split(total, placed_first, big, n):
    return (int(total // big), int(total % big)) if placed_first else (None, int(total))


def main():
    directory = sys.argv[1]
    rows, posts, scores, cap, ours = load(directory)
    n = int(rows.max()) + 1 if len(rows) else 0
    openings = int(cap.sum())
    pair, col = expand(rows, posts, cap)
    print(f"instance: {n} seekers, {len(cap)} posts, {openings} openings, {len(rows)} pairs, {len(pair)} expanded pairs")
    big = n * 1_000_000 + 1
    ok = True
    for objective in ("score", "placements"):
        placed_first = objective == "placements"
        weight = scores + (big if placed_first else 0)
        our_ms, our_placed, our_score = ours[objective]
        results = []
        columns = openings + n
        if n * columns <= DENSE_LIMIT:
            forbidden = -float(n * (big + 1_000_000) + 1)
            t0 = time.perf_counter()
            matrix = np.full((n, columns), forbidden)
            matrix[rows[pair], col] = weight[pair]
            matrix[np.arange(n), openings + np.arange(n)] = 0.0
            t1 = time.perf_counter()
            r, c = linear_sum_assignment(matrix, maximize=True)
            t2 = time.perf_counter()
            total = int(round(matrix[r, c].astype(np.float64).sum()))
            results.append(("dense linear_sum_assignment", t2 - t1, t1 - t0, total))
            del matrix
        else:
            gb = n * columns * 8 / 1e9
            print(f"{objective}: dense linear_sum_assignment skipped: {n} x {columns} float64 = {gb:.1f} GB, infeasible here")
        # Sparse: shift every weight by +1 (each row is matched exactly once, so the optimum shifts by n).
        t0 = time.perf_counter()
        data = np.concatenate((weight[pair] + 1, np.ones(n, dtype=np.int64))).astype(np.float64)
        ri = np.concatenate((rows[pair], np.arange(n)))
        ci = np.concatenate((col, openings + np.arange(n)))
        sparse = csr_matrix((data, (ri, ci)), shape=(n, columns))
        t1 = time.perf_counter()
        r, c = min_weight_full_bipartite_matching(sparse, maximize=True)
        t2 = time.perf_counter()
        total = int(round(np.asarray(sparse[r, c]).ravel().sum())) - n
        results.append(("sparse min_weight_full_bipartite_matching", t2 - t1, t1 - t0, total))
        for name, seconds, build, total in results:
            placed, score = split(total, placed_first, big, n)
            agree = score == our_score and (placed is None or placed == our_placed)
            ok &= agree
            extra = f", placed {placed}" if placed_first else ""
            print(f"{objective}: {name}: score {score}{extra} micro in {seconds * 1000:.0f} ms (+{build * 1000:.0f} ms to build);"
                  f" ours score {our_score}, placed {our_placed} in {our_ms:.1f} ms (median);"
                  f" scipy/ours time ratio {seconds * 1000 / our_ms:.1f}x; {'AGREE' if agree else 'DISAGREE'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
