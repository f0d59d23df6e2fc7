#!/usr/bin/python3
"""Figure 2 of Alcalde, Fantuzzi and Zuazua from Python: simulate the four configurations exactly,
draw the panels, check every claim L1-L6, find K* and the exact limit, and compare the engines.

    /usr/bin/python3 docs/examples/figure2.py [OUTDIR]      (default: figure2-python/)

Run by the test suite (ctest "python: docs/examples/figure2.py"), so it stays correct. It is a .py
file rather than a notebook: executing a notebook in CI needs Debian's jupyter-nbconvert and
python3-ipykernel, about 50 more packages, for the same code.
"""
import pathlib
import sys

import hardmax
import hardmax.plot

here = pathlib.Path(__file__).resolve().parents[2]
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "figure2-python")
out.mkdir(parents=True, exist_ok=True)

configs = sorted((here / "data" / "configs").glob("figure2-*.json"))
for path in configs:
    config = hardmax.Configuration.from_json(str(path))
    trajectory = hardmax.simulate(config, 30)                       # exact: rationals, exact ties
    hardmax.plot.panels(trajectory, layers=[0, 1, 2, 5, 30], path=str(out / f"panels-{path.stem}.png"),
                        title=path.stem)
    report = hardmax.check(config)                                   # every claim, with evidence
    limit = hardmax.limit(config)                                    # K* and the exact limit
    print(f"{path.stem}: {config.n} tokens, leaders at layer 30 {trajectory.leaders[-1]}")
    for claim in report:
        print(f"  {claim.claim} {claim.verdict:<10} {claim.summary}")
    print(f"  K* = {limit.k_star}; clusters of the exact limit:")
    for cluster in limit.clusters:
        point = ", ".join(str(x) for x in cluster["point"])
        print(f"    ({point})  tokens {cluster['members']}")
    assert report.all_hold, f"{path.stem}: a claim does not hold"

rows = hardmax.compare([hardmax.Configuration.from_json(str(p)) for p in configs],
                       engines=["double", "mpfr:24", "mpfr:113", "exact"], layers=30, out=str(out / "compare"),
                       plots=False)
print("engine comparison (first divergent layer, largest deviation at layer 30):")
for row in rows:
    print(f"  {row['config']:<32} {row['engine']:<9} {str(row['first_divergent_layer']):<5} "
          f"{row['final_max_deviation']:.3g}")
print(f"panels and the comparison report are in {out}/")
