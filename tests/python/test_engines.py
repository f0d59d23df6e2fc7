"""Behaviour through Python: the batched engine with threads, interruption by SIGINT, plots."""
import os
import signal
import threading
import time

import numpy as np
import pytest

import hardmax
from conftest import CONFIGS


def random_batch(seed, batch, n, d):
    return np.random.default_rng(seed).normal(size=(batch, n, d))


def test_batched_threads_agree_bit_for_bit():
    Z0 = random_batch(5, 12, 24, 4)
    one = hardmax.batched.simulate(Z0, 0.75, 15, threads=1)
    two = hardmax.batched.simulate(Z0, 0.75, 15, threads=2)
    assert one.shape == Z0.shape and np.array_equal(one.view(np.uint64), two.view(np.uint64))
    assert not np.array_equal(one, Z0)


def test_batched_matches_the_generic_double_engine():
    # GEMM sums in its own order, so agreement is within rounding (docs/ENGINES.md), not bitwise.
    Z0 = random_batch(11, 6, 16, 3)
    out = hardmax.batched.simulate(Z0, 0.5, 10, threads=2)
    for b in range(Z0.shape[0]):
        t = hardmax.simulate(hardmax.Configuration(Z0[b], alpha=0.5), 10, engine="double", attention="pairs")
        assert np.max(np.abs(t.positions[-1] - out[b])) < 1e-12


def test_batched_input_is_not_modified_and_views_are_accepted():
    Z0 = random_batch(2, 8, 10, 2)
    before = Z0.copy()
    strided = np.asfortranarray(Z0)  # not C-contiguous: converted once, still the same values
    out = hardmax.batched.simulate(strided, 1.0, 5)
    assert np.array_equal(Z0, before)
    assert np.array_equal(out, hardmax.batched.simulate(Z0, 1.0, 5))


def test_batched_plane_takes_the_hull_unless_told():
    lattice = np.random.default_rng(4).integers(-2, 3, size=(3, 50, 2)).astype(float)
    hull = hardmax.batched.simulate(lattice, 0.5, 6, threads=2)
    pairs = hardmax.batched.simulate(lattice, 0.5, 6, threads=2, attention="pairs")
    assert np.array_equal(hull, pairs)  # integer scores: both decide exactly
    with pytest.raises(ValueError, match="attention"):
        hardmax.batched.simulate(lattice, 0.5, 1, attention="hull")


def interrupt_after(seconds):
    timer = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    return timer


@pytest.mark.parametrize("call", ["exact simulate", "batched", "check"])
def test_keyboard_interrupt_stops_a_long_call(call):
    rng = np.random.default_rng(7)
    # Inputs are made before the timer starts, so the signal arrives inside the C++ call (each of
    # these runs for minutes uninterrupted: exact bits grow every layer; the batch is 10^6 layers).
    if call == "exact simulate":
        config = hardmax.Configuration(rng.normal(size=(40, 3)), alpha="1/3")
        run = lambda: hardmax.simulate(config, 100000, max_bits=0, max_memory=0)
    elif call == "batched":
        batch = rng.normal(size=(64, 256, 16))
        run = lambda: hardmax.batched.simulate(batch, 1.0, 1000000, threads=2)
    else:
        config = hardmax.Configuration(rng.normal(size=(40, 3)), alpha="1/3")
        run = lambda: hardmax.check(config, layers=100000)
    handler = signal.getsignal(signal.SIGINT)
    start = time.monotonic()
    timer = interrupt_after(0.5)
    with pytest.raises(KeyboardInterrupt, match="interrupted by SIGINT"):
        run()
    timer.join()
    assert time.monotonic() - start < 30
    assert signal.getsignal(signal.SIGINT) is handler  # Python's own handler is back


def test_panels_draw_a_planar_trajectory(tmp_path):
    import hardmax.plot
    t = hardmax.simulate(hardmax.Configuration.from_json(str(CONFIGS[0])), 30)
    fig = hardmax.plot.panels(t, layers=[0, 1, 2, 5, 30], path=str(tmp_path / "panels.png"))
    assert len(fig.axes) == 5 and (tmp_path / "panels.png").stat().st_size > 1000
    with pytest.raises(ValueError, match="d = 3"):
        hardmax.plot.panels(hardmax.simulate(hardmax.Configuration([[1, 0, 0]], alpha=1), 1))
