"""scripts/sentiment-fidelity-report's verdicts on synthetic runs (issue 15): the C++/PyTorch agreement
criterion (the larger spread of two seeds), a failed seed (alpha <= 0) making it undecided rather than
widening a spread, the ablation's points against this suite's run, and each PyTorch run's BLAS."""
import contextlib
import importlib.machinery
import importlib.util
import io
import pathlib

import pytest

SOURCE = pathlib.Path(__file__).resolve().parents[2]
COLUMNS = ["epoch", "alpha", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "hardmax_double_test_loss",
           "hardmax_double_test_accuracy", "hardmax_certified_test_accuracy", "train_seconds", "threads",
           "train_accuracy_batch_mean", "test_accuracy_batch_mean", "alpha_min_in_epoch", "alpha_nonpositive_steps"]


@pytest.fixture(scope="module")
def report():
    path = str(SOURCE / "scripts" / "sentiment-fidelity-report")
    loader = importlib.machinery.SourceFileLoader("fidelity_report", path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("fidelity_report", loader))
    loader.exec_module(module)
    return module


def write_run(root, name, accuracy, alpha=0.5, header="# a synthetic run"):
    """epochs.csv with the given test accuracy per epoch (a list, or one value for 30 epochs)."""
    accuracy = accuracy if isinstance(accuracy, list) else [accuracy] * 30
    lines = [header, ",".join(COLUMNS)]
    for epoch, a in enumerate(accuracy, start=1):
        row = dict.fromkeys(COLUMNS, "")
        row.update(epoch=epoch, alpha=alpha, test_accuracy=a, test_loss=0.5, train_seconds=1.0, threads=1)
        lines.append(",".join(str(row[c]) for c in COLUMNS))
    (root / name).mkdir()
    (root / name / "epochs.csv").write_text("\n".join(lines) + "\n")


def printed(function, *args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        function(*args)
    return out.getvalue()


def verdict_rows(text, d):
    return [line for line in text.splitlines() if line.startswith(f"| {d} | ")]


def test_agreement_within_the_larger_spread_is_yes_and_beyond_it_no(report, tmp_path):
    # C++ 0.80 and 0.82 (spread 0.02), PyTorch 0.81 and 0.83 (spread 0.02): means 0.01 apart -> yes.
    for name, a in [("paper-pooled-d16", 0.80), ("paper-pooled-d16-seed2", 0.82), ("torch-d16-seed1", 0.81),
                    ("torch-d16-seed2", 0.83)]:
        write_run(tmp_path, name, a)
    rows = verdict_rows(printed(report.cpp_torch_table, str(tmp_path)), 16)
    assert len(rows) == 4 and all(r.rstrip(" |").endswith("yes") for r in rows)
    # PyTorch moved 5 points up: the means are 0.06 apart, beyond both spreads -> NO.
    for name, a in [("torch-d16-seed1", 0.86), ("torch-d16-seed2", 0.88)]:
        (tmp_path / name / "epochs.csv").unlink()
        (tmp_path / name).rmdir()
        write_run(tmp_path, name, a)
    rows = verdict_rows(printed(report.cpp_torch_table, str(tmp_path)), 16)
    assert all(r.rstrip(" |").endswith("NO") for r in rows)


def test_a_seed_with_alpha_not_positive_makes_the_comparison_undecided(report, tmp_path):
    for name, a in [("paper-pooled-d2", 0.80), ("paper-pooled-d2-seed2", 0.81), ("torch-d2-seed1", 0.82)]:
        write_run(tmp_path, name, a)
    write_run(tmp_path, "torch-d2-seed2", 0.50, alpha=-0.3)  # failed: outside THEORY M2, stays near 50%
    rows = verdict_rows(printed(report.cpp_torch_table, str(tmp_path)), 2)
    assert len(rows) == 4
    for r in rows:
        assert "undecided: alpha <= 0 in PyTorch seed 2" in r and "NO" not in r and "yes" not in r


def test_a_missing_seed_is_not_run_not_a_verdict(report, tmp_path):
    write_run(tmp_path, "paper-pooled-d16", 0.80)
    rows = verdict_rows(printed(report.cpp_torch_table, str(tmp_path)), 16)
    assert rows and all(r.rstrip(" |").endswith("not run") for r in rows)


def test_ablation_points_are_against_this_suites_run_at_the_last_common_epoch(report, tmp_path):
    write_run(tmp_path, "ablation-d2-suite", [0.70] * 30)
    write_run(tmp_path, "ablation-d2-padding", [0.731] * 30)
    write_run(tmp_path, "ablation-d2-lemmas", [0.60] * 9 + [0.75])  # stopped at 10 epochs
    text = printed(report.ablation_table, str(tmp_path))
    assert "test accuracy (%) at epoch 10 (the runs of 30 epochs were stopped there)" in text
    padding = next(line for line in text.splitlines() if "(--padding learnt)" in line)
    lemmas = next(line for line in text.splitlines() if "(--lemmas wordnet)" in line)
    assert "| 73.1 | +3.1 |" in padding
    assert "| 75.0 | +5.0 |" in lemmas


def test_each_pytorch_run_names_its_blas(report, tmp_path):
    write_run(tmp_path, "torch-d2-seed1", 0.8, header="# reference-pytorch ...; float32 training, float64 M4")
    write_run(tmp_path, "torch-d16-seed1", 0.8, header=(
        "# reference-pytorch ...; BLAS from epoch 1 not recorded; "
        "BLAS from epoch 7 /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"))
    text = printed(report.torch_blas_lines, str(tmp_path))
    assert "torch-d2-seed1: the reference BLAS (netlib" in text
    assert "torch-d16-seed1: a BLAS not recorded from epoch 1; then OpenBLAS, /usr/lib/x86_64-linux-gnu/openblas-pthread from epoch 7" in text
