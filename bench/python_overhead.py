#!/usr/bin/python3
"""The Python module's cost, measured side by side in one run (issue 16):

1. one layer of M4 at n = 128, d = 16 in double: hardmax.simulate from Python against the same
   planned run timed inside C++ (hardmax._hardmax._time_simulate), as a ratio;
2. hardmax.batched.simulate against the vectorised NumPy layer
   S = Z Z^T; M = (S == S.max(1)); Z' = (Z + alpha (M Z) / |M|) / (1 + alpha), one configuration
   and a batch of 64.

    /usr/bin/python3 bench/python_overhead.py [--repeats R]      (PYTHONPATH=build/python if not installed)
Prints a table and the JSON record (command, versions, NumPy's BLAS).
"""
import argparse
import json
import platform
import sys
import time

import numpy as np

import hardmax


def median_seconds(f, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def numpy_layer(Z, alpha):
    S = Z @ Z.T
    M = (S == S.max(axis=1, keepdims=True)).astype(Z.dtype)
    return (Z + alpha * (M @ Z) / M.sum(axis=1, keepdims=True)) / (1 + alpha)


def numpy_blas():
    """The BLAS library NumPy loaded, as the process maps it (Debian's alternatives decide which)."""
    import os
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(os.path.realpath(p) for p in paths)) or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(20261203)
    n, d, alpha = 128, 16, 1.0
    Z0 = rng.normal(size=(n, d))
    config = hardmax.Configuration(Z0, alpha=alpha)
    rows = {}
    # 1. Python call against the C++ call, one layer of the generic double engine (all pairs; d = 16).
    cpp = hardmax._hardmax._time_simulate(config, 1, "double", "pairs", args.repeats)
    py = median_seconds(lambda: hardmax.simulate(config, 1, engine="double").positions, args.repeats)
    rows["simulate one layer, C++ call (s)"] = cpp
    rows["simulate one layer, Python call (s)"] = py
    rows["Python / C++"] = py / cpp
    # 2. The batched engine against vectorised NumPy.
    one = Z0[None, :, :]
    rows["batched, 1 config, one layer (s)"] = median_seconds(lambda: hardmax.batched.simulate(one, alpha, 1, threads=1),
                                                              args.repeats)
    rows["NumPy vectorised, 1 config, one layer (s)"] = median_seconds(lambda: numpy_layer(Z0, alpha), args.repeats)
    rows["NumPy / batched (1 config)"] = rows["NumPy vectorised, 1 config, one layer (s)"] / rows["batched, 1 config, one layer (s)"]
    batch = rng.normal(size=(64, n, d))
    reps = max(5, args.repeats // 10)
    rows["batched, 64 configs, one layer, 2 threads (s)"] = median_seconds(
        lambda: hardmax.batched.simulate(batch, alpha, 1, threads=2), reps)
    rows["NumPy vectorised, 64 configs, one layer (s)"] = median_seconds(
        lambda: [numpy_layer(batch[b], alpha) for b in range(64)], reps)
    rows["NumPy / batched (64 configs)"] = rows["NumPy vectorised, 64 configs, one layer (s)"] / rows[
        "batched, 64 configs, one layer, 2 threads (s)"]
    for key, value in rows.items():
        print(f"{key:<48} {value:.4g}" if "/" in key else f"{key:<48} {value * 1e6:.1f} us")
    record = {"command": " ".join([sys.executable] + sys.argv), "seed": 20261203, "hardmax_version": hardmax.__version__,
              "source_revision": hardmax.source_revision, "numpy": np.__version__, "numpy_blas": numpy_blas(),
              "python": platform.python_version(), "n": n, "d": d, "repeats": args.repeats, "results": rows}
    print(json.dumps(record, indent=1))


if __name__ == "__main__":
    main()
