#!/usr/bin/python3
"""The NumPy baselines of one M4 layer (issue 17), timed in this process with Debian's python3-numpy:

- the paper's per-token loop (its `hardmaxDynamics` style: for each token, q = A z_i, s = Z q,
  C = where(s == s.max()), z_i' = (z_i + alpha * Z[C].mean(0)) / (1 + alpha));
- the vectorised layer a competent NumPy user writes: S = Z A Z^T, one max and one mask per row,
  Z' = (Z + alpha * (M Z) / |M|) / (1 + alpha).

Input: the C++ benchmark's (bench/batched_bench.cpp, `anchored`): n tokens in R^16 with coordinates
k/1000, k uniform in [-1000, 1000] (the first n/8 scaled by 8), A = I, alpha = 1/2; here drawn by NumPy
with the seed given, so only the distribution matches, not the values.

    /usr/bin/python3 bench/numpy_layer.py [--sizes 128,1024] [--seconds 1.0] [--seed 20261130]
Prints one JSON object: per n, the median seconds of each layer, NumPy's version and the BLAS it loaded.
"""
import argparse
import json
import os
import time

import numpy as np


def anchored(n, d, rng):
    Z = rng.integers(-1000, 1001, size=(n, d)) / 1000.0
    Z[: n // 8] *= 8.0
    return Z


def per_token_layer(Z, A, alpha):
    out = np.empty_like(Z)
    for i in range(Z.shape[0]):
        q = A @ Z[i]
        s = Z @ q
        C = np.where(s == s.max())[0]
        out[i] = (Z[i] + alpha * Z[C].mean(axis=0)) / (1 + alpha)
    return out


def vectorised_layer(Z, A, alpha):
    S = Z @ A @ Z.T
    M = (S == S.max(axis=1, keepdims=True)).astype(Z.dtype)
    return (Z + alpha * (M @ Z) / M.sum(axis=1, keepdims=True)) / (1 + alpha)


def median_time(f, seconds):
    times, spent = [], 0.0
    while spent < seconds or len(times) < 5:
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
        spent += times[-1]
    times.sort()
    return times[len(times) // 2]


def loaded_blas():
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(os.path.realpath(p) for p in paths)) or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="128,1024")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=20261130)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    d, alpha = 16, 0.5
    A = np.eye(d)
    results = {}
    for n in (int(x) for x in args.sizes.split(",")):
        Z = anchored(n, d, rng)
        results[n] = {"per_token_loop_s": median_time(lambda: per_token_layer(Z, A, alpha), args.seconds),
                      "vectorised_s": median_time(lambda: vectorised_layer(Z, A, alpha), args.seconds)}
    print(json.dumps({"numpy": np.__version__, "blas": loaded_blas(), "seed": args.seed, "d": d, "results": results}))


if __name__ == "__main__":
    main()
