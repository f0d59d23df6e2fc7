"""The Python results are the command line's (issue: one library, two thin front ends): on the
Figure-2 configurations, exact fractions identical and floats bit-identical."""
import json
import subprocess
from fractions import Fraction

import numpy as np
import pytest

import hardmax
from conftest import CONFIGS


def cli_json(exe, *args):
    done = subprocess.run([exe, *args], capture_output=True, text=True)
    assert done.returncode in (0, 1, 4), done.stderr  # 4: a precision finding of double
    return json.loads(done.stdout)


def cli_trajectory(exe, tmp_path, config, engine, attention="auto"):
    out = tmp_path / f"{engine.replace(':', '-')}-{attention}.json"
    done = subprocess.run([exe, "simulate", "--config", str(config), "--engine", engine, "--attention", attention,
                           "--layers", "30", "--quiet", "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text())


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.stem)
def test_exact_trajectory_is_the_cli_one(hardmax_exe, tmp_path, config):
    c = hardmax.Configuration.from_json(str(config))
    t = hardmax.simulate(c, 30)
    cli = cli_trajectory(hardmax_exe, tmp_path, config, "exact")
    for k, layer in enumerate(cli["layers"]):
        assert t.positions[k] == [[Fraction(x) for x in row] for row in layer["tokens"]]
        assert t.attention[k] == layer["attention"]
        assert t.leaders[k] == layer["leaders"]
    mine = json.loads(t.to_json())
    for key in ("layers", "alpha", "variant", "attention_path", "engine", "hardmax_version", "source_revision"):
        assert mine[key] == cli[key], key


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.stem)
@pytest.mark.parametrize("engine,attention", [("double", "auto"), ("double", "pairs"), ("mpfr:53", "auto"),
                                              ("certified", "auto")])
def test_floating_trajectory_is_bit_identical(hardmax_exe, tmp_path, config, engine, attention):
    c = hardmax.Configuration.from_json(str(config))
    t = hardmax.simulate(c, 30, engine=engine, attention=attention)
    cli = cli_trajectory(hardmax_exe, tmp_path, config, engine, attention)
    expected = np.array([[[float(x) for x in row] for row in layer["tokens"]] for layer in cli["layers"]])
    assert t.positions.dtype == np.float64 and t.positions.shape == expected.shape
    assert np.array_equal(t.positions.view(np.uint64), expected.view(np.uint64))  # every bit
    assert t.attention == [layer["attention"] for layer in cli["layers"]]
    assert t.attention_path == cli["attention_path"]
    if engine == "certified":
        assert json.loads(t.to_json())["certification"] == cli["certification"]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.stem)
def test_check_is_the_cli_report(hardmax_exe, config):
    c = hardmax.Configuration.from_json(str(config))
    for engine in ("exact", "double"):
        report = hardmax.check(c, engine=engine, layers=30)
        cli = cli_json(hardmax_exe, "check", "--config", str(config), "--engine", engine, "--layers", "30", "--json")
        assert [r.__dict__ for r in report.claims] == [
            {k: row[k] for k in ("claim", "statement", "verdict", "summary", "witness", "evidence")} for row in cli["claims"]]
        assert report.all_hold == cli["all_hold"]
        assert report["L6"].verdict == cli["claims"][5]["verdict"]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.stem)
def test_limit_is_the_cli_report(hardmax_exe, config):
    c = hardmax.Configuration.from_json(str(config))
    lim = hardmax.limit(c)
    cli = cli_json(hardmax_exe, "limit", "--config", str(config), "--json")
    drop = ("command",)
    assert {k: v for k, v in lim.document.items() if k not in drop} == {k: v for k, v in cli.items() if k not in drop}
    assert lim.k_star == cli["K"]
    assert lim.limit == [[Fraction(x) for x in row] for row in cli["limit"]]


def test_figure2_first_configuration_as_theory_states():
    c = hardmax.Configuration.from_json(str(CONFIGS[0]))
    lim = hardmax.limit(c)
    assert lim.certified and lim.k_star == 1
    points = {tuple(cl["point"]) for cl in lim.clusters}
    assert points == {(Fraction(1), Fraction(1, 3)), (Fraction(-1, 18), Fraction(5, 36)), (Fraction(-1), Fraction(-1))}
    t = hardmax.simulate(c, 2)
    assert 1 not in t.leaders[0] and 1 in t.leaders[1]  # token 2 (index 1) becomes a leader at layer 1


def test_compare_rows_and_report(hardmax_exe, tmp_path):
    configs = [hardmax.Configuration.from_json(str(p)) for p in CONFIGS[:2]]
    rows = hardmax.compare(configs, engines=["double", "mpfr:113", "exact"], layers=10, out=str(tmp_path / "r"),
                           plots=False)
    assert [(r["config"], r["engine"]) for r in rows] == [
        (p.stem, e) for p in CONFIGS[:2] for e in ("double", "mpfr:113", "exact")]
    exact = [r for r in rows if r["engine"] == "exact"]
    assert all(r["final_max_deviation"] == 0 and r["first_divergent_layer"] is None for r in exact)
    assert (tmp_path / "r" / "report.md").read_text().startswith("# Precision comparison")
    summary = (tmp_path / "r" / "summary.csv").read_text().splitlines()
    assert len(summary) == 1 + len(rows)
