#!/usr/bin/env python3
"""A research check, not part of the build: how much a fluid relaxation with deadlines and cold-start costs would
raise the backtest's oracle lower bound (backtest/src/main/java/dev/plimsoll/backtest/Oracle.java) above its work
bound. Needs python3 with numpy and scipy (HiGHS); results are in BENCHMARKS.md ("Where the gap to the bound comes
from").

The linear programme, on a 1 s grid from the end of the warm-up (GPU time is counted from there):
  n_k   replicas ready during second k (fractional, 0..max), u_k >= n_k - n_(k-1) the replicas made ready at k;
  cost  sum n_k + sum min(c, k - 1) u_k: every replica made ready was held through a cold start c before (cut at the
        start of the scored time; the fleet there is free);
  work  prefill and decode, at the model's prefill rate and peak decode rate, processed as a fluid by the ready
        replicas (a replica prefills or decodes, never both): cumulative prefill done by second k at most the prompts
        arrived, at least the prompts whose TTFT deadline has passed; decode the same with the end-to-end deadline;
        a fraction of request i may miss its TTFT deadline and a fraction its end-to-end one (done later, after the
        horizon at a replica-second per second of work), each at most each minute's p95 allowance, n - ceil(0.95 n),
        as the two percentiles are checked apart. Every minute must meet the SLO: right where 99 % of the minutes
        allows no miss (fewer than 100 scored minutes, as on the eight runs of BENCHMARKS.md); longer traces would
        need whole minutes allowed to miss, which this check does not model.
Any schedule of the fleet model gives a feasible point (its ready count averaged per second, its replicas'
loads, the share of each second spent prefilling and decoding, its late requests), so the optimum is a lower bound.
It leaves out what the fleet model adds: whole replicas, one prompt per replica at a time, and decode slower than its
peak when the batch is not full.

usage: fluid_lp.py TRACE --profile NAME --ttft S --e2e S
"""
import argparse
import csv
import datetime
import json
import math
from collections import defaultdict

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

# name: (prefill tokens/s, decode tokens/s alone, batch slowdown, max seqs, cold start s, GPUs) as in ModelProfile.java
PROFILES = {
    "llama-3.1-8b-h100": (22000, 139, 0.00559, 256, 60, 1),
    "llama-3.1-8b-a100": (10800, 89.5, 0.00833, 256, 60, 1),
    "llama-3.1-70b-h100x4": (9700, 57.1, 0.00386, 256, 215, 4),
    "llama-3.1-70b-a100x4": (3800, 35.8, 0.00637, 256, 215, 4),
}


def read(path):
    if path.endswith(".jsonl"):
        rows = [json.loads(line) for line in open(path) if line.strip()]
        return [(r["timestamp"] / 1000.0, r["input_length"], r["output_length"]) for r in rows]
    rows = list(csv.DictReader(open(path)))
    times = [datetime.datetime.strptime(r["TIMESTAMP"][:26], "%Y-%m-%d %H:%M:%S.%f") for r in rows]
    return [((t - times[0]).total_seconds(), int(r["ContextTokens"]), int(r["GeneratedTokens"])) for t, r in zip(times, rows)]


def main():
    args = argparse.ArgumentParser()
    args.add_argument("trace")
    args.add_argument("--profile", required=True, choices=PROFILES)
    args.add_argument("--ttft", type=float, required=True)
    args.add_argument("--e2e", type=float, required=True)
    args.add_argument("--max-gpus", type=int, default=256)
    a = args.parse_args()
    prefill, decode, slowdown, seqs, cold, gpus = PROFILES[a.profile]
    peak = max(decode, seqs * decode / (1 + slowdown * (seqs - 1)))
    warmup = 60 * (math.ceil(cold / 60) + 1)  # Backtest.Setup.forTrace
    req = [(t - warmup, p / prefill, max(0, o - 1) / peak, math.floor(t / 60)) for t, p, o in read(a.trace) if t >= warmup]
    n_req = len(req)
    k_len = int(math.ceil(max(r[0] for r in req) + a.e2e)) + 1
    # variables: n, u, q1 (prefill per s), q2 (decode per s), z1, z2 (late shares), S1, S2 (done so far), D1, D2 (due so
    # far, less the late shares)
    n0, u0, q10, q20, z10, z20 = 0, k_len, 2 * k_len, 3 * k_len, 4 * k_len, 4 * k_len + n_req
    base = 4 * k_len + 2 * n_req
    s10, s20, d10, d20 = base, base + k_len, base + 2 * k_len, base + 3 * k_len
    after1, after2 = base + 4 * k_len, base + 4 * k_len + 1  # work left for after the horizon, at a replica-second each
    n_var = base + 4 * k_len + 2
    rows, cols, vals, rhs = [], [], [], []

    def at_most(coefs, bound):
        for j, v in coefs:
            rows.append(len(rhs))
            cols.append(j)
            vals.append(v)
        rhs.append(bound)

    def equal(coefs, value):
        at_most(coefs, value)
        at_most([(j, -v) for j, v in coefs], -value)

    arrived, due1, due2 = defaultdict(list), defaultdict(list), defaultdict(list)
    for i, (t, _, _, _) in enumerate(req):
        arrived[int(math.floor(t))].append(i)
        due1[max(0, int(math.ceil(t + a.ttft)) - 1)].append(i)
        due2[max(0, int(math.ceil(t + a.e2e)) - 1)].append(i)
    arrived1 = np.zeros(k_len)
    arrived2 = np.zeros(k_len)
    for k, ids in arrived.items():
        arrived1[k] = sum(req[i][1] for i in ids)
        arrived2[k] = sum(req[i][2] for i in ids)
    arrived1, arrived2 = np.cumsum(arrived1), np.cumsum(arrived2)
    for k in range(k_len):
        at_most([(q10 + k, 1), (q20 + k, 1), (n0 + k, -1)], 0)  # a replica prefills or decodes
        if k > 0:
            at_most([(n0 + k, 1), (n0 + k - 1, -1), (u0 + k, -1)], 0)
        for s, q, d, z0, due, col in ((s10, q10, d10, z10, due1, 1), (s20, q20, d20, z20, due2, 2)):
            equal([(s + k, 1), (q + k, -1)] + ([(s + k - 1, -1)] if k else []), 0)
            ids = due.get(k, [])
            equal([(d + k, 1)] + ([(d + k - 1, -1)] if k else []) + [(z0 + i, req[i][col]) for i in ids],
                  sum(req[i][col] for i in ids))
            at_most([(d + k, 1), (s + k, -1)], 0)  # done at least what is due
        at_most([(s10 + k, 1)], arrived1[k])  # done at most what arrived
        at_most([(s20 + k, 1)], arrived2[k])
    at_most([(s10 + k_len - 1, -1), (after1, -1)], -arrived1[-1])  # everything is done, late or not
    at_most([(s20 + k_len - 1, -1), (after2, -1)], -arrived2[-1])
    minutes = defaultdict(list)
    for i, r in enumerate(req):
        minutes[r[3]].append(i)
    for ids in minutes.values():
        for z0 in (z10, z20):
            at_most([(z0 + i, 1) for i in ids], len(ids) - math.ceil(0.95 * len(ids)))
    matrix = coo_matrix((vals, (rows, cols)), shape=(len(rhs), n_var)).tocsr()
    cost = np.zeros(n_var)
    cost[n0:n0 + k_len] = 1
    cost[after1] = cost[after2] = 1
    for k in range(1, k_len):
        cost[u0 + k] = min(cold, max(0, k - 1))
    bounds = [(0, a.max_gpus // gpus)] * k_len + [(0, None)] * (3 * k_len) + [(0, 1)] * (2 * n_req) + [(None, None)] * (4 * k_len) + [(0, None)] * 2
    res = linprog(cost, A_ub=matrix, b_ub=np.array(rhs), bounds=bounds, method="highs")
    if res.status != 0:
        raise SystemExit("the LP did not solve: " + res.message)
    work = sum(r[1] + r[2] for r in req)
    print("%s %s: fluid LP %.3f GPU-hours, work bound %.3f (%.1f %% above it), %.2f replicas made ready" % (
        a.trace.split("/")[-1], a.profile, res.fun * gpus / 3600, work * gpus / 3600, 100 * (res.fun / work - 1),
        res.x[u0:u0 + k_len].sum()))


if __name__ == "__main__":
    main()
